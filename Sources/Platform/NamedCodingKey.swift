/// A coding key by name: what a custom key strategy returns (the events' payloads, the API's replies).
public struct NamedCodingKey: CodingKey, Sendable {
    public let stringValue: String
    public let intValue: Int? = nil
    public init(_ value: String) { stringValue = value }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}
