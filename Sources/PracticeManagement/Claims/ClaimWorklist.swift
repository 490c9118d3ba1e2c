public import Foundation
import PostgresNIO
public import Platform

/// A claim as the billing desk's list shows it: who, which payer, which service dates.
public struct ClaimWorklistRow: Sendable, Equatable {
    public let claim: Claim
    public let patientName: String
    public let patientRecordNumber: String
    public let payerName: String
    /// The first and last service dates of the claim's current lines (nil for a claim without lines).
    public let firstServiceDate: String?
    public let lastServiceDate: String?
}

/// The billing desk's filters; nil means any.
public struct ClaimWorklistFilter: Sendable, Equatable {
    public var status: ClaimStatus?
    public var payerID: UUID?
    /// Claims with a service date on or after / on or before these days.
    public var serviceFrom: ServiceDate?
    public var serviceTo: ServiceDate?
    /// Matches the claim number, or the patient's name or record number, in part.
    public var search: String?
    /// Only this claim, or only claims with a line from this group session.
    public var claimID: UUID?
    public var groupSessionID: UUID?
    public var limit: Int
    public var offset: Int

    public init(status: ClaimStatus? = nil, payerID: UUID? = nil, serviceFrom: ServiceDate? = nil, serviceTo: ServiceDate? = nil,
                search: String? = nil, claimID: UUID? = nil, groupSessionID: UUID? = nil, limit: Int = 100, offset: Int = 0) {
        self.claimID = claimID
        self.groupSessionID = groupSessionID
        self.status = status
        self.payerID = payerID
        self.serviceFrom = serviceFrom
        self.serviceTo = serviceTo
        self.search = search
        self.limit = limit
        self.offset = offset
    }
}

/// The claims list with patient, payer and service dates, filtered in one query.
public enum ClaimWorklist {
    /// One claim's row, for its page's header; 404 when the id names none in the organization.
    public static func row(_ claimID: UUID, in tx: TenantTransaction) async throws -> ClaimWorklistRow {
        guard let row = try await list(ClaimWorklistFilter(claimID: claimID, limit: 1), in: tx).first else { throw DomainError.notFound("claim") }
        return row
    }

    public static func list(_ filter: ClaimWorklistFilter, in tx: TenantTransaction) async throws -> [ClaimWorklistRow] {
        let pattern = filter.search.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%" }
        let (from, to) = (filter.serviceFrom?.description, filter.serviceTo?.description)
        let rows = try await tx.rows("""
            SELECT c.id, c.claim_number, c.patient_id, c.payer_id, c.frequency_code, c.replaces_claim_id, c.original_claim_number, c.status,
                   c.total_cents, c.correction_reason, c.created_at, c.created_by, c.exported_at,
                   p.given_name || ' ' || p.family_name, p.mrn, y.name,
                   to_char(d.first_date, 'YYYY-MM-DD'), to_char(d.last_date, 'YYYY-MM-DD')
            FROM pm_claims c
            JOIN pm_patients p ON p.organization_id = c.organization_id AND p.id = c.patient_id
            JOIN pm_payers y ON y.organization_id = c.organization_id AND y.id = c.payer_id
            LEFT JOIN LATERAL (
                SELECT min(ch.service_date) AS first_date, max(ch.service_date) AS last_date
                FROM pm_claim_lines l JOIN pm_charges ch ON ch.organization_id = l.organization_id AND ch.id = l.charge_id
                WHERE l.organization_id = c.organization_id AND l.claim_id = c.id
            ) d ON true
            WHERE (\(filter.claimID)::uuid IS NULL OR c.id = \(filter.claimID))
              AND (\(filter.groupSessionID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM pm_claim_lines l JOIN pm_charges ch ON ch.organization_id = l.organization_id AND ch.id = l.charge_id
                    WHERE l.organization_id = c.organization_id AND l.claim_id = c.id AND ch.group_session_id = \(filter.groupSessionID)))
              AND (\(filter.status?.rawValue)::text IS NULL OR c.status = \(filter.status?.rawValue))
              AND (\(filter.payerID)::uuid IS NULL OR c.payer_id = \(filter.payerID))
              AND (\(from)::date IS NULL OR d.last_date >= \(from)::date)
              AND (\(to)::date IS NULL OR d.first_date <= \(to)::date)
              AND (\(pattern)::text IS NULL OR c.claim_number ILIKE \(pattern) OR p.mrn ILIKE \(pattern)
                   OR (p.given_name || ' ' || p.family_name) ILIKE \(pattern))
            ORDER BY c.created_at DESC, c.claim_number DESC LIMIT \(filter.limit) OFFSET \(filter.offset)
            """)
        return try rows.map { row in
            let (id, number, patient, payer, frequency, replaces, original, status, total, reason, created, createdBy, exported,
                 name, mrn, payerName, first, last) =
                try row.decode((UUID, String, UUID, UUID, String, UUID?, String?, String, Int, String?, Date, UUID?, Date?,
                                String, String, String, String?, String?).self)
            let claim = Claim(id: id, claimNumber: number, patientID: patient, payerID: payer, frequencyCode: frequency, replacesClaimID: replaces,
                              originalClaimNumber: original, status: ClaimStatus(rawValue: status) ?? .open, totalCents: total,
                              correctionReason: reason, createdAt: created, createdBy: createdBy, exportedAt: exported)
            return ClaimWorklistRow(claim: claim, patientName: name, patientRecordNumber: mrn, payerName: payerName,
                                    firstServiceDate: first, lastServiceDate: last)
        }
    }
}
