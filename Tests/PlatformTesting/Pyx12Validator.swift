import Foundation

/// Runs pyx12 (PyPI `pyx12`), an X12 validator written independently of this renderer, on a file.
///
/// Its exit status says nothing about the file: the `x12valid` console script exits 1 even on
/// success (it passes `main()`'s True to `sys.exit`) and `python3 -m pyx12.scripts.x12valid` exits 0
/// on failure. The verdict is the line it writes to stderr, `<path>: OK` or `<path>: Failure`, with
/// an `ERROR` log line per problem; no such line means it never judged the file.
public enum Pyx12Validator {
    public static let installHint = "pip install pyx12==4.0.0"

    public struct Verdict: Sendable {
        public var accepted: Bool
        /// The validator's ERROR lines, for the failure message.
        public var errors: [String]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The command that runs pyx12, found once: `x12valid` on PATH, else the module through python3.
    static let command = Task<Result<[String], Failure>, Never> {
        for candidate in [["x12valid"], ["python3", "-m", "pyx12.scripts.x12valid"]] {
            if let run = try? await run(candidate + ["--version"], in: FileManager.default.temporaryDirectory),
               run.status == 0, run.stdout.contains("x12valid") {
                return .success(candidate)
            }
        }
        return .failure(Failure(description:
            "pyx12 is not installed: neither `x12valid` nor `python3 -m pyx12.scripts.x12valid` runs. Install it with `\(installHint)`."))
    }

    /// Writes `text` to a fresh temporary folder, validates it there (pyx12 writes its 999 beside the input), and cleans up.
    public static func validate(_ text: String) async throws -> Verdict {
        let command = try await command.value.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-837p-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("claims.x12")
        try Data(text.utf8).write(to: file)
        let run = try await run(command + [file.path], in: folder)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.contains(" ERROR ") }
        if lines.contains("\(file.path): OK") { return Verdict(accepted: true, errors: errors) }
        if lines.contains("\(file.path): Failure") { return Verdict(accepted: false, errors: errors) }
        throw Failure(description: "pyx12 gave no verdict (exit \(run.status)):\n\(run.stderr)\(run.stdout)")
    }

    /// Output goes to files, not pipes, so a chatty run cannot fill a pipe and block.
    private static func run(_ arguments: [String], in folder: URL) async throws -> (status: Int32, stdout: String, stderr: String) {
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("\(id).out"), errURL = folder.appendingPathComponent("\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let status = try await ChildExit.wait(for: process, timeout: .seconds(120))
        return (status,
                (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
