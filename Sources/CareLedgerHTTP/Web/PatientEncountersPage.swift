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
            return WebRoutes.html(Self.render(home: home, principal: principal, patient: patient, charges: charges))
        }
    }

    static func render(home: HomeQuery, principal: Principal, patient: Patient, charges: [Charge]) -> String {
        Layout.page(title: "Encounters", home: home, principal: principal, section: nil, content: .div(
            PageHeader.render("\(patient.givenName) \(patient.familyName) · encounters",
                              subtitle: "Record \(patient.mrn) · born \(PlainWords.date(patient.dateOfBirth))"),
            .section(.class("card"),
                .if(charges.isEmpty, .p(.text("No charges yet."))),
                .if(!charges.isEmpty, DataTable.render(class: "charges", columns: [
                    .init(label: "Date"), .init(label: "Service"), .init(label: "Code"), .init(label: "Units", numeric: true),
                    .init(label: "Amount", numeric: true), .init(label: "Status"),
                ], rows: charges.map { charge in
                    DataTable.Row(className: "charge-\(charge.status)", cells: [
                        .text(PlainWords.date(charge.serviceDate)),
                        .unwrap(charge.groupSessionID, { session in
                            .a(.href("/group-sessions/\(session.uuidString.lowercased())"), .text(PlainWords.groupType(charge.serviceType)))
                        }, else: .text(PlainWords.groupType(charge.serviceType))),
                        .text(([charge.procedureCode] + charge.modifiers).joined(separator: " ")),
                        .text("\(charge.units)"),
                        .text(charge.amountCents.map(PlainWords.money) ?? "Not priced"),
                        .group(.span(.class("status"), .text(PlainWords.chargeStatus(charge.status))),
                               .unwrap(charge.voidReason) { .small(.text($0)) }),
                    ])
                }))
            )
        )).render()
    }
}
