import Foundation
import PlatformTesting

/// Runs `fhir.resources` (PyPI, its R4B models: R4B's MeasureReport is R4's), a FHIR model library
/// written independently of this exporter, on a JSON resource.
enum FHIRResourceValidator {
    static let installHint = "pip install fhir.resources==7.1.0"

    struct Failure: Error, CustomStringConvertible { let description: String }

    static let script = """
        import sys
        try:
            from fhir.resources.R4B.measurereport import MeasureReport
        except ImportError:
            print("MISSING"); sys.exit(0)
        try:
            MeasureReport.parse_file(sys.argv[1])
            print("VALID")
        except Exception as error:
            print("INVALID " + str(error).replace("\\n", " | "))
        """

    /// Nil when the report is valid; the validator's complaint otherwise.
    static func problems(inMeasureReport json: Data) async throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-fhir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json"), output = folder.appendingPathComponent("out.txt")
        try json.write(to: file)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = try await ChildExit.wait(for: process, timeout: .seconds(120))
        let verdict = String(decoding: try Data(contentsOf: output), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if verdict == "VALID" { return nil }
        if verdict.hasPrefix("INVALID") { return verdict }
        throw Failure(description: "fhir.resources is not installed (\(verdict)); install it with `\(installHint)`.")
    }
}
