import Foundation
import Platform
import PostgresNIO

extension DatabaseRuntime {
    /// The organization an operator names by slug (read as the owner: the slug is not a tenant secret).
    func organizationID(slug: String) async throws -> UUID {
        let found = try await withOwner { connection in
            try await connection.query("SELECT id FROM pf_organizations WHERE slug = \(slug)", logger: Logger(label: "careledger"))
                .decode(UUID.self).reduce(into: UUID?.none) { $0 = $1 }
        }
        guard let found else { throw CommandFailure("No organization has the slug \(slug).") }
        return found
    }
}
