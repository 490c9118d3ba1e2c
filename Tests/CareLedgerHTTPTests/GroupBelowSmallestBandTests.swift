import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// Issue 16 end to end: a session with one billable attendee is below the payer's smallest band
/// (2–3); the room's preview says so with its own code and no band, and the charge build follows
/// the same decision: no charge, with the same code as the reason.
@Suite("A group below the smallest band")
struct GroupBelowSmallestBandTests {
    @Test("one attendee: the preview warns GROUP_BELOW_SMALLEST_BAND and the build charges nobody, giving the same code")
    func oneAttendee() async throws {
        try await withAPI { db, dependencies, client in
            // setup
            let billed = try await GroupChargeBuildTests.Billed.make(client, db: db, dependencies: dependencies)
            // MUT
            try await billed.markAndFinalize(client, ["ATTENDED", "ABSENT", "ABSENT", "ABSENT", "ABSENT", "ABSENT"])
            // validate
            let preview = try #require(try await billed.group.detail(client)["billing_preview"] as? [String: Any])
            let codes = (preview["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(codes == ["GROUP_BELOW_SMALLEST_BAND"])
            #expect(preview["band"] == nil || preview["band"] is NSNull, "no band applies")
            let (build, active, _) = try await billed.charges(client)
            #expect(active.isEmpty)
            #expect(build?["outcome"] as? String == "not_billable")
            #expect(build?["reason_code"] as? String == "GROUP_BELOW_SMALLEST_BAND")
        }
    }
}
