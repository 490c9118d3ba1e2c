@testable import Platform
import Testing

@Suite("Database availability")
struct DatabaseAvailabilityTests {
    @Test("after a failure requests are refused at once; after the wait one probes while the rest are refused; success opens it for all")
    func failFastThenProbe() {
        var availability = DatabaseAvailability(retryAfter: .seconds(1))
        let start = ContinuousClock.now
        #expect(availability.admit(at: start) == .proceed)
        availability.failed(at: start)
        #expect(availability.isKnownDown)
        #expect(availability.admit(at: start + .milliseconds(500)) == .refuse)
        #expect(availability.admit(at: start + .seconds(1)) == .probe)
        #expect(availability.admit(at: start + .seconds(1)) == .refuse, "one probe at a time")
        availability.failed(at: start + .seconds(3))
        #expect(availability.admit(at: start + .milliseconds(3500)) == .refuse, "a failed probe starts the wait over")
        #expect(availability.admit(at: start + .seconds(4)) == .probe)
        availability.succeeded()
        #expect(!availability.isKnownDown)
        #expect(availability.admit(at: start + .seconds(4)) == .proceed)
    }

    @Test("a refused constraint names the field it guards, never itself", arguments: [
        ("pm_patients_given_name_check", "pm_patients", nil, "given_name"),
        ("pm_charges_idempotency", "pm_charges", nil, "idempotency"),
        ("pm_payers_pkey", "pm_payers", nil, nil),
        ("pm_coverages_organization_id_payer_id_fkey", "pm_coverages", nil, "payer_id"),
        (nil, "pm_patients", "family_name", "family_name"),
        (nil, nil, nil, nil),
    ] as [(String?, String?, String?, String?)])
    func constraintField(constraint: String?, table: String?, column: String?, field: String?) {
        #expect(ConstraintField.name(constraint: constraint, table: table, column: column) == field)
    }
}
