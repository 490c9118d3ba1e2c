public import Hummingbird
import Platform

/// `?limit=&offset=` with sane bounds; out-of-range values answer 422.
public struct Pagination: Sendable {
    public let limit: Int
    public let offset: Int

    public init(_ request: Request, defaultLimit: Int = 50) throws {
        let query = request.uri.queryParameters
        if let raw = query["limit"] {
            guard let value = Int(String(raw)), (1...500).contains(value) else { throw DomainError.invalid("limit", "limit is a whole number from 1 to 500.") }
            limit = value
        } else { limit = defaultLimit }
        if let raw = query["offset"] {
            guard let value = Int(String(raw)), value >= 0 else { throw DomainError.invalid("offset", "offset is a whole number, 0 or more.") }
            offset = value
        } else { offset = 0 }
    }
}
