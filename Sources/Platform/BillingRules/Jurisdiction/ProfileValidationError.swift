/// One reason a jurisdiction profile cannot be saved; the API answers 422 naming `field`.
public struct ProfileValidationError: Sendable, Hashable, Codable {
    /// What is wrong, for callers that branch on it.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A text value is empty or only whitespace.
        case blank
        /// A number is zero or negative.
        case notPositive
        /// A number is NaN or infinite.
        case notFinite
        /// A number is above its natural limit (7 days a week, 24 hours a day, 168 hours a week).
        case aboveMaximum
        /// The minimum billable minutes exceed the unit length.
        case minimumAboveUnit
        /// A modifier code is not two uppercase letters or digits.
        case malformedModifierCode
        /// A state code is not two uppercase letters.
        case malformedStateCode
        /// More modifier conventions than one selection can hold.
        case tooManyConventions
    }

    /// The stored field path, e.g. `billing.modifier_conventions[2].code`.
    public var field: String
    /// What is wrong.
    public var kind: Kind
    /// A message for the person editing the profile.
    public var message: String

    /// Creates a validation error.
    public init(field: String, kind: Kind, message: String) {
        self.field = field
        self.kind = kind
        self.message = message
    }
}
