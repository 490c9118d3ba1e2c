import Foundation
import Hummingbird
import PageMarkup
import Platform
import PracticeManagement

/// `/patients/:id/encounters`: a member's charges, group-session ones linked to their session.
struct PatientEncountersPage: Sendable {
    let dependencies: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        let database = dependencies.database
        router.get("/patients/:id/encounters") { _, context in
            guard let principal = context.principal else { return WebRoutes.redirect("/sign-in") }
            try principal.require(.patientsRead)
            let id = try context.pathID("id")
            let home = try await HomeQuery.load(principal, database: database)
            let (patient, charges) = try await database.withTenant(principal.organizationID) { tx in
                (try await Patients.find(id, in: tx), try await ChargeCapture.list(patientID: id, in: tx))
            }
            return WebRoutes.html(Self.render(home: home, patient: patient, charges: charges))
        }
    }

    static func render(home: HomeQuery, patient: Patient, charges: [Charge]) -> String {
        Layout.page(title: "Encounters", organization: home.organizationName, user: home.displayName, content: .div(.class("card"),
            .h1(.text("\(patient.givenName) \(patient.familyName) · encounters")),
            .p(.text("MRN \(patient.mrn)")),
            .if(charges.isEmpty, .p(.text("No charges yet."))),
            .if(!charges.isEmpty, .table(.class("charges"),
                .thead(.tr(.th("Date"), .th("Service"), .th("Code"), .th("Units"), .th("Amount"), .th("Status"))),
                .tbody(.forEach(charges) { charge in
                    .tr(.class("charge-\(charge.status)"),
                        .td(.text(charge.serviceDate)),
                        .td(.unwrap(charge.groupSessionID, { session in
                                .a(.href("/group-sessions/\(session.uuidString.lowercased())"), .text(charge.serviceType))
                            }, else: .text(charge.serviceType))),
                        .td(.text(([charge.procedureCode] + charge.modifiers).joined(separator: " "))),
                        .td(.text("\(charge.units)")),
                        .td(.text(charge.amountCents.map(GroupSessionPages.money) ?? "unpriced")),
                        .td(.text(charge.status), .unwrap(charge.voidReason) { .span(.class("muted"), .text(" (\($0))")) }))
                })))
        )).render()
    }
}
