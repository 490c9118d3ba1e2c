/// The shape of a modifier code: exactly two characters, each an ASCII digit or uppercase letter
/// (HCPCS/CPT modifiers such as `HQ`, `95`, `U7`).
enum ModifierCodeFormat {
    static func isWellFormed(_ code: String) -> Bool {
        let bytes = code.utf8
        guard bytes.count == 2 else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
    }
}
