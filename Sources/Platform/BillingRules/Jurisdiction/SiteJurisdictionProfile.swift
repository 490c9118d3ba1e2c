/// A site's stored profile together with the site's id, so the resolution can record its source.
public struct SiteJurisdictionProfile: Sendable, Hashable, Codable {
    /// The site's id.
    public var siteID: String
    /// The site's stored profile.
    public var profile: JurisdictionProfile

    /// Pairs a site id with its profile.
    public init(siteID: String, profile: JurisdictionProfile) {
        self.siteID = siteID
        self.profile = profile
    }
}
