import PostgresNIO
public import Foundation

/// One versioned SQL file. Versions are global across modules and applied in order.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNNN_name.sql` files from a module's resource folder.
    public static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
        return try files.map { file in
            let base = file.deletingPathExtension().lastPathComponent
            guard let underscore = base.firstIndex(of: "_"), let version = Int(base[..<underscore]) else {
                throw MigrationError.badFileName(file.lastPathComponent)
            }
            return Migration(version: version, name: String(base[base.index(after: underscore)...]),
                             sql: try String(contentsOf: file, encoding: .utf8))
        }.sorted { $0.version < $1.version }
    }

    /// The statements of the file, split on semicolons outside quotes, comments and
    /// dollar-quoted bodies (the extended protocol runs one statement at a time).
    public var statements: [String] { SQLStatementSplitter.split(sql) }
}

/// Why the schema cannot be used as it is; each case reads as one clear sentence.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    case badFileName(String)
    case duplicateVersion(Int)
    case checksumMismatch(version: Int, name: String)
    case databaseNewerThanCode(version: Int)
    case pending(versions: [Int])
    case failed(version: Int, name: String, reason: String)

    public var description: String {
        switch self {
        case .badFileName(let file):
            return "Migration file \(file) is not named NNNN_name.sql."
        case .duplicateVersion(let version):
            return "Two migrations share version \(version)."
        case let .checksumMismatch(version, name):
            return "Migration \(version) (\(name)) was changed after it was applied; restore the applied file and add a new migration instead."
        case .databaseNewerThanCode(let version):
            return "The database has migration \(version), which this build does not know: the database is newer than the code. Run a newer CareLedger."
        case .pending(let versions):
            return "The database is missing migrations \(versions.map(String.init).joined(separator: ", ")); run `careledger migrate`."
        case let .failed(version, name, reason):
            return "Migration \(version) (\(name)) failed and was rolled back: \(reason)"
        }
    }
}
