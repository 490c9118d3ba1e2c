public import Foundation
import Logging
import PostgresNIO

/// Reads and writes PF-96 profiles in `pf_jurisdiction_profiles`, inside the tenant's transaction.
public enum JurisdictionProfileStore {
    /// The profiles resolution needs: the site's (when a site is named and has one) and the organization's.
    public static func load(siteID: UUID?, in tx: TenantTransaction) async throws -> (site: SiteJurisdictionProfile?, organization: JurisdictionProfile?) {
        var site: SiteJurisdictionProfile?
        var organization: JurisdictionProfile?
        for try await (rowSite, json) in try await tx.query("""
            SELECT site_id, \(unescaped: profileJSON) FROM pf_jurisdiction_profiles
            WHERE site_id IS NULL OR site_id = \(siteID)
            """).decode((UUID?, String).self) {
            let profile = try decode(json)
            if let rowSite { site = SiteJurisdictionProfile(siteID: rowSite.uuidString.lowercased(), profile: profile) } else { organization = profile }
        }
        return (site, organization)
    }

    /// The stored profile of the organization (`siteID == nil`) or of one site, if any.
    public static func stored(siteID: UUID?, in tx: TenantTransaction) async throws -> JurisdictionProfile? {
        let profiles = try await load(siteID: siteID, in: tx)
        return siteID == nil ? profiles.organization : profiles.site?.profile
    }

    /// Validates and saves a profile, replacing the previous one; 422 naming the first bad field.
    public static func save(_ profile: JurisdictionProfile, siteID: UUID?, by principal: Principal, in tx: TenantTransaction) async throws {
        let problems = validate(profile)
        if let first = problems.first {
            let message = problems.count == 1 ? first.message : problems.map { "\($0.field): \($0.message)" }.joined(separator: " ")
            throw DomainError.invalid(first.field, message, code: "INVALID_JURISDICTION_PROFILE")
        }
        if let siteID { try await Organizations.requireSite(siteID, in: tx) }
        let billing = try profile.billing.map(encode)
        let clinical = try profile.iopPhpCompliance.map { try encode(["iop_php_compliance": $0]) }
        try await tx.query("""
            DELETE FROM pf_jurisdiction_profiles WHERE site_id IS NOT DISTINCT FROM \(siteID)
            """)
        try await tx.query("""
            INSERT INTO pf_jurisdiction_profiles (organization_id, id, site_id, state_code, display_name, billing_rules, clinical,
                                                  financial_clearance_threshold, updated_by)
            VALUES (\(tx.organizationID), \(UUID.random()), \(siteID), \(profile.stateCode), \(profile.displayName),
                    \(billing)::jsonb, \(clinical)::jsonb, \(profile.financialClearanceThreshold), \(principal.userID))
            """)
        try await AuditLog.record(AuditEntry(action: "jurisdiction-profile.saved", entityType: siteID == nil ? "organization" : "site",
                                             entityID: (siteID ?? tx.organizationID).uuidString), by: principal, in: tx)
    }

    private static let profileJSON = """
        jsonb_strip_nulls(jsonb_build_object('display_name', display_name, 'state_code', state_code,
                                             'billing', billing_rules, 'clinical', clinical,
                                             'financial_clearance_threshold', financial_clearance_threshold))::text
        """

    static func decode(_ json: String) throws -> JurisdictionProfile {
        try JSONDecoder().decode(JurisdictionProfile.self, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
