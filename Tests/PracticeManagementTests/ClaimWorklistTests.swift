import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

@Suite("The billing desk's claims list")
struct ClaimWorklistTests {
    @Test("lists patient, record number, payer and service dates, and filters by status, payer, service dates, session and search")
    func filters() async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            // setup
            let f = try await ClaimFixture.make(db)
            let (a, b) = (try await f.patient("A-100"), try await f.patient("B-200"))
            let session = try await f.session([(a, .attended), (b, .attended)], supervisors: [.attended])
            try await f.charge(session: session, patient: a, payer: f.payerID)
            try await f.charge(session: session, patient: b, payer: f.payerID)
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let claimA = try #require(built.claims.first { $0.claim.patientID == a }?.claim)
            func list(_ filter: ClaimWorklistFilter) async throws -> [String] {
                try await f.tx { tx in try await ClaimWorklist.list(filter, in: tx) }.map(\.patientRecordNumber).sorted()
            }
            let day = ClaimFixture.serviceDate
            // MUT + validate
            let row = try await f.tx { tx in try await ClaimWorklist.row(claimA.id, in: tx) }
            #expect(row.patientName == "Member Test A-100")
            #expect(row.payerName == "AHCCCS Complete Care")
            #expect(row.firstServiceDate == day.description && row.lastServiceDate == day.description)
            #expect(try await list(ClaimWorklistFilter()) == ["A-100", "B-200"])
            #expect(try await list(ClaimWorklistFilter(status: .open)) == ["A-100", "B-200"])
            #expect(try await list(ClaimWorklistFilter(status: .exported)) == [])
            #expect(try await list(ClaimWorklistFilter(payerID: f.payerID)) == ["A-100", "B-200"])
            #expect(try await list(ClaimWorklistFilter(payerID: UUID())) == [])
            #expect(try await list(ClaimWorklistFilter(serviceFrom: day, serviceTo: day)) == ["A-100", "B-200"])
            #expect(try await list(ClaimWorklistFilter(serviceFrom: day.adding(days: 1))) == [], "no service on or after the next day")
            #expect(try await list(ClaimWorklistFilter(serviceTo: day.adding(days: -1))) == [], "no service on or before the day before")
            #expect(try await list(ClaimWorklistFilter(search: "b-2")) == ["B-200"], "by record number, in part, any case")
            #expect(try await list(ClaimWorklistFilter(search: "test a")) == ["A-100"], "by name")
            #expect(try await list(ClaimWorklistFilter(search: claimA.claimNumber)) == ["A-100"], "by claim number")
            #expect(try await list(ClaimWorklistFilter(search: "%")) == [], "a wildcard typed is a character, not a pattern")
            #expect(try await list(ClaimWorklistFilter(groupSessionID: session)) == ["A-100", "B-200"])
            #expect(try await list(ClaimWorklistFilter(groupSessionID: UUID())) == [])
            await #expect(throws: DomainError.self) { try await f.tx { tx in try await ClaimWorklist.row(UUID(), in: tx) } }
        }
    }
}
