@testable import CareLedgerHTTP
import Testing

/// The API's key rule, through both of its paths: ASCII keys (every Swift property the API
/// encodes) byte by byte, and anything else through Unicode's case rules.
@Suite("Snake-case keys")
struct SnakeCaseKeyTests {
    @Test("ASCII keys", arguments: [
        ("stateCode", "state_code"), ("patientID", "patient_id"), ("unmarkedRowIDs", "unmarked_row_ids"),
        ("row", "row"), ("rowVersion", "row_version"), ("band2Rate", "band2_rate"), ("line2B", "line2_b"),
        ("URLValue", "urlvalue"), ("already_snake", "already_snake"), ("", ""), ("X", "x"),
    ])
    func ascii(key: String, expected: String) {
        #expect(key.snakeCased() == expected)
    }

    @Test("keys beyond ASCII keep the same rule")
    func unicode() {
        #expect("prénomÉcrit".snakeCased() == "prénom_écrit")
        #expect("ÉtatCode".snakeCased() == "état_code")
        #expect("naïveKey".snakeCased() == "naïve_key")
    }
}
