extension ServiceDate {
    /// A date the database wrote as `YYYY-MM-DD` (`to_char(…, 'YYYY-MM-DD')`); one it cannot
    /// have written is an internal error, not the caller's.
    public init(stored text: String) throws {
        guard let date = ServiceDate(text) else {
            throw DomainError(.internalError, code: "BAD_STORED_DATE", message: "A stored date is unreadable.")
        }
        self = date
    }
}
