public import Platform
import Foundation
import PostgresNIO

/// The organization's Practice Management module settings: one row of named keys, each with a
/// documented default when the organization has not set it.
public struct ModuleSettings: Sendable, Equatable {
    /// Whether the u7 modifier trigger holds for every charge (seed 003).
    public var autoApplyU7: Bool
    /// Whether the ub modifier trigger holds for every charge (seed 003).
    public var autoApplyUB: Bool
    /// Cents of estimated patient responsibility above which a cost estimate opens a counseling
    /// referral; nil when the organization has not set it (seed 002).
    public var financialClearanceThreshold: Int?

    /// Every key at its default.
    public static let defaults = ModuleSettings(autoApplyU7: false, autoApplyUB: false, financialClearanceThreshold: nil)

    public init(autoApplyU7: Bool, autoApplyUB: Bool, financialClearanceThreshold: Int? = nil) {
        self.autoApplyU7 = autoApplyU7
        self.autoApplyUB = autoApplyUB
        self.financialClearanceThreshold = financialClearanceThreshold
    }

    /// The organization's settings, or the defaults when it has none.
    public static func load(in tx: TenantTransaction) async throws -> ModuleSettings {
        for try await (u7, ub, threshold) in try await tx.query("""
            SELECT auto_apply_u7, auto_apply_ub, financial_clearance_threshold FROM pm_module_settings
            """).decode((Bool, Bool, Int?).self) {
            return ModuleSettings(autoApplyU7: u7, autoApplyUB: ub, financialClearanceThreshold: threshold)
        }
        return .defaults
    }

    /// Stores every key (used by the demo and by ``update(_:by:in:)``).
    public static func save(_ settings: ModuleSettings, in tx: TenantTransaction) async throws {
        try settings.validate()
        try await tx.query("""
            INSERT INTO pm_module_settings (organization_id, auto_apply_u7, auto_apply_ub, financial_clearance_threshold)
            VALUES (\(tx.organizationID), \(settings.autoApplyU7), \(settings.autoApplyUB), \(settings.financialClearanceThreshold))
            ON CONFLICT (organization_id) DO UPDATE SET auto_apply_u7 = EXCLUDED.auto_apply_u7, auto_apply_ub = EXCLUDED.auto_apply_ub,
                financial_clearance_threshold = EXCLUDED.financial_clearance_threshold
            """)
    }

    /// Applies a change (keys it leaves out keep their value), audits the keys that changed with
    /// their before and after values (flags and an amount of the organization's policy, no PHI),
    /// and returns the settings now in force. Invalid values are refused naming the key.
    public static func update(_ change: ModuleSettingsChange, by principal: Principal, in tx: TenantTransaction) async throws -> ModuleSettings {
        // Make sure the row exists, then lock it, so two concurrent partial updates (even the first
        // two) apply one after the other and neither drops the other's key.
        try await tx.query("INSERT INTO pm_module_settings (organization_id) VALUES (\(tx.organizationID)) ON CONFLICT DO NOTHING")
        try await tx.query("SELECT 1 FROM pm_module_settings FOR UPDATE")
        let before = try await load(in: tx)
        let after = change.applied(to: before)
        try after.validate()
        let changed = before.differences(from: after)
        guard !changed.isEmpty else { return after }
        try await save(after, in: tx)
        var details: [String: String] = [:]
        for (key, values) in changed {
            details["\(key).before"] = values.before
            details["\(key).after"] = values.after
        }
        try await AuditLog.record(AuditEntry(action: "pm-module-settings.updated", entityType: "pm_module_settings",
                                             entityID: tx.organizationID.uuidString.lowercased(), details: details), by: principal, in: tx)
        return after
    }

    /// Refuses a value no key accepts, naming the key as the API spells it.
    public func validate() throws {
        if let threshold = financialClearanceThreshold, threshold < 0 {
            throw DomainError.invalid("financial_clearance_threshold", "The threshold is an amount in cents, 0 or more (null uses the $1,000 default).")
        }
    }

    /// The keys whose values differ, by API name, with each value as text.
    func differences(from other: ModuleSettings) -> [(String, (before: String, after: String))] {
        func text(_ value: Int?) -> String { value.map(String.init) ?? "unset" }
        var result: [(String, (before: String, after: String))] = []
        if autoApplyU7 != other.autoApplyU7 { result.append(("auto_apply_u7", ("\(autoApplyU7)", "\(other.autoApplyU7)"))) }
        if autoApplyUB != other.autoApplyUB { result.append(("auto_apply_ub", ("\(autoApplyUB)", "\(other.autoApplyUB)"))) }
        if financialClearanceThreshold != other.financialClearanceThreshold {
            result.append(("financial_clearance_threshold", (text(financialClearanceThreshold), text(other.financialClearanceThreshold))))
        }
        return result
    }
}

/// A partial update of ``ModuleSettings``: a nil key is left as it is. The threshold is doubly
/// optional so that a change can clear it (`.some(nil)`) as well as leave it alone (`nil`).
public struct ModuleSettingsChange: Sendable, Equatable {
    public var autoApplyU7: Bool?
    public var autoApplyUB: Bool?
    public var financialClearanceThreshold: Int??

    public init(autoApplyU7: Bool? = nil, autoApplyUB: Bool? = nil, financialClearanceThreshold: Int?? = nil) {
        self.autoApplyU7 = autoApplyU7
        self.autoApplyUB = autoApplyUB
        self.financialClearanceThreshold = financialClearanceThreshold
    }

    /// The settings with this change applied.
    public func applied(to settings: ModuleSettings) -> ModuleSettings {
        var result = settings
        if let autoApplyU7 { result.autoApplyU7 = autoApplyU7 }
        if let autoApplyUB { result.autoApplyUB = autoApplyUB }
        if let financialClearanceThreshold { result.financialClearanceThreshold = financialClearanceThreshold }
        return result
    }
}
