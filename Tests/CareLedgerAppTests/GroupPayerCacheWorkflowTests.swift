import CareLedgerApp
import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The room's mark as the API makes it (`GroupSessionWorkflow.markAndReply`), with the process's
/// kept group payer: read once, kept while the organization's payer version stands, read again
/// after a coverage change, and the preview always the session detail's.
@Suite("The room's mark with the kept group payer")
struct GroupPayerCacheWorkflowTests {
    @Test("after a coverage change the next mark reads the new payer, and its preview is the detail's")
    func markAfterCoverageChange() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            // setup: three members attended in the room; the first mark reads the payer, the others keep it.
            let f = try await WorkflowFixture.make(db)
            let (session, principal, services, organization) = (f.sessionID, f.principal, f.services, f.tenant.organizationID)
            let rows = try await f.rowIDs()
            func mark(_ row: UUID) async throws -> AttendanceMarkReply {
                try await GroupSessionWorkflow.markAndReply(sessionID: session, rowID: row, to: .attended, expectedVersion: nil, force: false,
                                                            reason: "", by: principal, services: services)
            }
            for row in rows.prefix(3) { _ = try await mark(row) }
            let before = try #require(services.groupPayers.kept(organizationID: organization, sessionID: session))
            #expect(before.payer?.payerName == "AHCCCS Complete Care")
            // MUT: every member moves to another payer, with other bands; then the fourth member is marked.
            try await f.tx { tx in
                let other = try await Payers.create(name: "Banner University Family Care", payerCode: "AZBUFC", by: nil, in: tx)
                _ = try await Payers.replaceGroupRules(payerID: other.id, stateCode: "AZ", maxParticipantsPerSupervisor: nil,
                                                       bands: [GroupSizeBand(minParticipants: 3, maxParticipants: 6, unitRateCents: 2100)], by: nil, in: tx)
                try await tx.query("UPDATE pm_coverages SET payer_id = \(other.id)")
            }
            let marked = try await mark(rows[3])
            // validate
            let detail = try await f.tx { tx in try await GroupSessions.detail(session, jurisdictions: services.jurisdictions, in: tx) }
            let after = try #require(services.groupPayers.kept(organizationID: organization, sessionID: session))
            #expect(after.payer?.payerName == "Banner University Family Care")
            #expect(after.version > before.version)
            #expect(marked.preview == detail.preview)
            #expect(marked.preview.unitRateCents == 2100)
            // And the mark after that keeps it: the same version, the detail's preview again.
            let next = try await mark(rows[4])
            #expect(services.groupPayers.kept(organizationID: organization, sessionID: session)?.version == after.version)
            let nextDetail = try await f.tx { tx in try await GroupSessions.detail(session, jurisdictions: services.jurisdictions, in: tx) }
            #expect(next.preview == nextDetail.preview)
        }
    }
}
