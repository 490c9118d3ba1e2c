public import Foundation
import PostgresNIO
public import Platform

/// A payer the organization bills (PM-07).
public struct Payer: Sendable, Codable, Equatable {
    public let id: UUID
    public let name: String
    public let payerCode: String
}

/// Payers and, per payer and state, the supervision rule and group-size bands.
public enum Payers {
    public static func create(name: String, payerCode: String, in tx: TenantTransaction) async throws -> Payer {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw DomainError.invalid("name", "A payer needs a name.") }
        guard !payerCode.isEmpty else { throw DomainError.invalid("payer_code", "A payer needs its claim payer id.") }
        let id = UUID()
        try await tx.query("INSERT INTO pm_payers (organization_id, id, name, payer_code) VALUES (\(tx.organizationID), \(id), \(name), \(payerCode))")
        return Payer(id: id, name: name, payerCode: payerCode)
    }

    public static func list(in tx: TenantTransaction) async throws -> [Payer] {
        var payers: [Payer] = []
        for try await (id, name, code) in try await tx.query("SELECT id, name, payer_code FROM pm_payers ORDER BY name").decode((UUID, String, String).self) {
            payers.append(Payer(id: id, name: name, payerCode: code))
        }
        return payers
    }

    public static func exists(_ id: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.rows("SELECT 1 FROM pm_payers WHERE id = \(id)").isEmpty
    }
}

/// Per payer and state: the supervision rule and group-size bands (read through the
/// platform's ``GroupPayerLookup``, the one reader the preview and the scrubber share).
extension Payers {
    public static func setSupervisionRule(payerID: UUID, stateCode: String, maxParticipantsPerSupervisor: Int, in tx: TenantTransaction) async throws {
        guard maxParticipantsPerSupervisor > 0 else { throw DomainError.invalid("max_participants_per_supervisor", "The limit is at least 1.") }
        try await tx.query("""
            INSERT INTO pm_supervision_rules (organization_id, id, payer_id, state_code, max_participants_per_supervisor)
            VALUES (\(tx.organizationID), \(UUID()), \(payerID), \(stateCode), \(maxParticipantsPerSupervisor))
            ON CONFLICT (organization_id, payer_id, state_code) DO UPDATE SET max_participants_per_supervisor = EXCLUDED.max_participants_per_supervisor
            """)
    }

    public static func addBand(payerID: UUID, stateCode: String, band: GroupSizeBand, in tx: TenantTransaction) async throws {
        guard band.minParticipants >= 1, band.maxParticipants >= band.minParticipants else {
            throw DomainError.invalid("max_participants", "A band runs from at least 1 participant to a maximum no lower than its minimum.")
        }
        try await tx.query("""
            INSERT INTO pm_group_size_bands (organization_id, id, payer_id, state_code, min_participants, max_participants, unit_rate_cents)
            VALUES (\(tx.organizationID), \(UUID()), \(payerID), \(stateCode), \(band.minParticipants), \(band.maxParticipants), \(band.unitRateCents))
            """)
    }
}

/// PM module settings that switch on the u7 and ub modifier triggers.
public struct ModuleSettings: Sendable, Equatable {
    public var autoApplyU7: Bool
    public var autoApplyUB: Bool

    public static func load(in tx: TenantTransaction) async throws -> ModuleSettings {
        for try await (u7, ub) in try await tx.query("SELECT auto_apply_u7, auto_apply_ub FROM pm_module_settings").decode((Bool, Bool).self) {
            return ModuleSettings(autoApplyU7: u7, autoApplyUB: ub)
        }
        return ModuleSettings(autoApplyU7: false, autoApplyUB: false)
    }

    public static func save(_ settings: ModuleSettings, in tx: TenantTransaction) async throws {
        try await tx.query("""
            INSERT INTO pm_module_settings (organization_id, auto_apply_u7, auto_apply_ub)
            VALUES (\(tx.organizationID), \(settings.autoApplyU7), \(settings.autoApplyUB))
            ON CONFLICT (organization_id) DO UPDATE SET auto_apply_u7 = EXCLUDED.auto_apply_u7, auto_apply_ub = EXCLUDED.auto_apply_ub
            """)
    }
}
