public import Foundation
import PostgresNIO
public import Platform

/// Builds and rebuilds the charges of documented group sessions (PM-07), set-wise: a batch of
/// sessions costs the same handful of statements as one. A rebuild reconciles: a member whose
/// charge is unchanged keeps it, a changed one is voided and replaced, a member no longer billable
/// has the charge voided; charges are never deleted.
public struct GroupChargeBuilder: Sendable {
    public static let subscriberName = "pm.group-charge-build"
    let resolver: JurisdictionResolver

    public init(resolver: JurisdictionResolver) {
        self.resolver = resolver
    }

    /// The consumer of `cl_group_session_documented`: its writes commit with the delivery's fenced
    /// acknowledgement, so each event applies once, and only the newest revision of each session
    /// is built (an older one arriving late changes nothing).
    public func subscriber() -> EventSubscriber {
        EventSubscriber(name: Self.subscriberName, eventType: GroupSessionDocumented.eventType) { envelopes, tx in
            let payloads = try envelopes.map { try $0.payload(as: GroupSessionDocumented.Payload.self) }
            _ = try await build(payloads, voidReason: nil, by: nil, in: tx)
        }
    }

    /// Applies the documented sessions' newest revisions and returns each built session's outcome.
    /// `voidReason` names why replaced charges are voided (a forced correction passes its reason).
    @discardableResult
    public func build(_ documented: [GroupSessionDocumented.Payload], voidReason: String?, by userID: UUID?,
                      in tx: TenantTransaction) async throws -> [GroupChargeBuild] {
        var newest: [UUID: GroupSessionDocumented.Payload] = [:]
        for payload in documented where (newest[payload.header.id]?.revision ?? .min) < payload.revision { newest[payload.header.id] = payload }
        let applied = try await Self.appliedRevisions(Array(newest.keys), in: tx)
        let sessions = newest.values.filter { $0.revision > (applied[$0.header.id] ?? .min) }.sorted { $0.header.id.uuidString < $1.header.id.uuidString }
        guard !sessions.isEmpty else { return [] }

        let facilities = try await Self.facilities(Set(sessions.map(\.header.facilityID)), in: tx)
        let payers = try await Self.primaryPayers(sessions, in: tx)
        let bands = try await Self.bands(payerIDs: Set(payers.values.flatMap(\.values)), in: tx)
        let feeSchedule = try await FeeScheduleStore.load(in: tx)
        let settings = try await ModuleSettings.load(in: tx)
        var engines: [UUID?: BillingRulesEngine] = [:]
        var existing = try await Self.activeCharges(sessionIDs: sessions.map(\.header.id), in: tx)

        var inserts: [NewGroupCharge] = []
        var voids: [UUID] = []
        var builds: [GroupChargeBuild] = []
        for session in sessions {
            let facility = facilities[session.header.facilityID]
            let siteID = facility?.siteID
            let engine: BillingRulesEngine
            if let cached = engines[siteID] { engine = cached } else {
                engine = BillingRulesEngine(jurisdiction: await resolver.resolve(siteID: siteID, in: tx), feeSchedule: feeSchedule)
                engines[siteID] = engine
            }
            let stateBands = bands[facility?.stateCode ?? ""] ?? [:]
            let plan = planGroupCharges(session, primaryPayers: payers[session.header.id] ?? [:], bands: stateBands, engine: engine,
                                        autoApplyU7: settings.autoApplyU7, autoApplyUB: settings.autoApplyUB)
            var voided = 0
            var current = existing.removeValue(forKey: session.header.id) ?? [:]
            for line in plan.lines {
                if let charge = current.removeValue(forKey: line.patientID) {
                    if charge.line == line { continue }
                    voids.append(charge.id)
                    voided += 1
                }
                inserts.append(NewGroupCharge(session: session, line: line, siteID: siteID, profileSource: engine.jurisdiction.source.recordValue,
                                              fallbackFields: engine.jurisdiction.fallbacks.map(\.rawValue).sorted()))
            }
            // Members with a charge who are no longer billable (marked ABSENT, or the session no longer bills).
            for charge in current.values {
                voids.append(charge.id)
                voided += 1
            }
            builds.append(GroupChargeBuild(sessionID: session.header.id, revision: session.revision,
                                           outcome: plan.lines.isEmpty ? .notBillable : .built, problem: plan.problem,
                                           billableCount: session.participantCount, activeCharges: plan.lines.count,
                                           voidedCharges: voided))
        }
        let reason = voidReason ?? "Rebuilt from the session's documentation (attendance changed)."
        try await Self.void(voids, reason: reason, by: userID, in: tx)
        try await Self.insert(inserts, by: userID, in: tx)
        try await Self.record(builds, in: tx)
        try await AuditLog.record(AuditEntry(action: "group-charges.built", entityType: "group_session_batch", entityID: nil,
                                             details: ["sessions": String(builds.count), "created": String(inserts.count), "voided": String(voids.count)]),
                                  by: nil, in: tx)
        return builds
    }
}
