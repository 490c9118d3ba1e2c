/// Which profile produced a resolved jurisdiction; every charge records it.
public enum ProfileSource: Sendable, Hashable, Codable {
    /// The site's own profile.
    case site(id: String)
    /// The organization's profile.
    case organization
    /// No profile (or the lookup failed): the AHCCCS defaults.
    case defaults
}
