@testable import CareLedgerCLI
import Testing

@Suite("Start-up pages released by serve")
struct StartUpPagesTests {
    // An excerpt of /proc/self/smaps: the executable's four mappings (constants, code, relocated
    // constants, data), the heap, and a library.
    static let smaps = """
    561bb8092000-561bb8c33000 r--p 00000000 fe:00 16492061                   /opt/careledger/careledger
    Size:              11908 kB
    Rss:                5184 kB
    Anonymous:             0 kB
    561bb8c33000-561bbab6b000 r-xp 00ba0000 fe:00 16492061                   /opt/careledger/careledger
    Size:              31968 kB
    Rss:               23380 kB
    Anonymous:             0 kB
    561bbab6b000-561bbacab000 r--p 02ad7000 fe:00 16492061                   /opt/careledger/careledger
    Rss:                1280 kB
    Anonymous:          1280 kB
    561bbacab000-561bbd265000 rw-p 02c16000 fe:00 16492061                   /opt/careledger/careledger
    Rss:                4280 kB
    Anonymous:           512 kB
    561bbd265000-561bbd300000 rw-p 00000000 00:00 0                          [heap]
    Rss:                 600 kB
    Anonymous:           600 kB
    7f4402000000-7f4402100000 r-xp 00028000 fe:00 1234                       /usr/lib/x86_64-linux-gnu/libc.so.6
    Rss:                1200 kB
    Anonymous:             0 kB
    VmFlags: rd ex mr mw me sd
    """

    @Test("every mapping is read with its range, permissions, file, resident and anonymous kilobytes")
    func parse() {
        let mappings = StartUpPages.Mapping.parse(Self.smaps)
        #expect(mappings.count == 6)
        #expect(mappings.first == StartUpPages.Mapping(start: 0x561b_b809_2000, end: 0x561b_b8c3_3000, permissions: "r--p",
                                                       path: "/opt/careledger/careledger", residentKB: 5_184, anonymousKB: 0))
        #expect(mappings.map(\.residentKB) == [5_184, 23_380, 1_280, 4_280, 600, 1_200])
        #expect(mappings.map(\.anonymousKB) == [0, 0, 1_280, 512, 600, 0])
        #expect(mappings[4].path == "[heap]")
    }

    @Test("only the executable's read-only mappings without a copied page are released: constants and code, never relocated constants or data")
    func selection() {
        let released = StartUpPages.Mapping.parse(Self.smaps).filter { StartUpPages.isReleasable($0, executable: "/opt/careledger/careledger") }
        #expect(released.map(\.permissions) == ["r--p", "r-xp"])
        #expect(released.map(\.residentKB).reduce(0, +) == 28_564)
    }
}
