import Foundation
import PostgresNIO
public import Platform

/// Storage of the organization's billing profile (one row per organization).
public enum BillingProfiles {
    /// The profile, or nil when the organization has not set one.
    public static func find(in tx: TenantTransaction) async throws -> BillingProfile? {
        guard let row = try await tx.rows("""
            SELECT legal_name, npi, ein, taxonomy_code, address_line1, address_line2, city, state_code, postal_code, submitter_id,
                   submitter_contact_name, submitter_phone, submitter_email, receiver_name, receiver_id, default_place_of_service, usage
            FROM pm_billing_profiles
            """).first else { return nil }
        let (name, npi, ein, taxonomy, line1, line2, city, state, postal, submitter, contact, phone, email, receiver, receiverID, place, usage) =
            try row.decode((String, String, String, String?, String, String?, String, String, String, String, String, String?, String?,
                            String, String, String, String).self)
        return BillingProfile(legalName: name, npi: npi, ein: ein, taxonomyCode: taxonomy, addressLine1: line1, addressLine2: line2, city: city,
                              stateCode: state, postalCode: postal, submitterID: submitter, submitterContactName: contact, submitterPhone: phone,
                              submitterEmail: email, receiverName: receiver, receiverID: receiverID, defaultPlaceOfService: place, usage: usage)
    }

    /// Validates and saves the whole profile (a replace, not a patch), audit-logged; returns what was stored.
    @discardableResult
    public static func save(_ profile: BillingProfile, by principal: Principal, in tx: TenantTransaction) async throws -> BillingProfile {
        let p = try profile.validated()
        try await tx.query("""
            INSERT INTO pm_billing_profiles (organization_id, legal_name, npi, ein, taxonomy_code, address_line1, address_line2, city, state_code,
                                             postal_code, submitter_id, submitter_contact_name, submitter_phone, submitter_email, receiver_name,
                                             receiver_id, default_place_of_service, usage, updated_by)
            VALUES (\(tx.organizationID), \(p.legalName), \(p.npi), \(p.ein), \(p.taxonomyCode), \(p.addressLine1), \(p.addressLine2), \(p.city),
                    \(p.stateCode), \(p.postalCode), \(p.submitterID), \(p.submitterContactName), \(p.submitterPhone), \(p.submitterEmail),
                    \(p.receiverName), \(p.receiverID), \(p.defaultPlaceOfService), \(p.usage), \(principal.userID))
            ON CONFLICT (organization_id) DO UPDATE SET
              legal_name = EXCLUDED.legal_name, npi = EXCLUDED.npi, ein = EXCLUDED.ein, taxonomy_code = EXCLUDED.taxonomy_code,
              address_line1 = EXCLUDED.address_line1, address_line2 = EXCLUDED.address_line2, city = EXCLUDED.city,
              state_code = EXCLUDED.state_code, postal_code = EXCLUDED.postal_code, submitter_id = EXCLUDED.submitter_id,
              submitter_contact_name = EXCLUDED.submitter_contact_name, submitter_phone = EXCLUDED.submitter_phone,
              submitter_email = EXCLUDED.submitter_email, receiver_name = EXCLUDED.receiver_name, receiver_id = EXCLUDED.receiver_id,
              default_place_of_service = EXCLUDED.default_place_of_service, usage = EXCLUDED.usage, updated_at = now(),
              updated_by = EXCLUDED.updated_by
            """)
        try await AuditLog.record(AuditEntry(action: "billing-profile.saved", entityType: "billing_profile", entityID: tx.organizationID.uuidString,
                                             details: ["npi": p.npi, "usage": p.usage]), by: principal, in: tx)
        return p
    }
}
