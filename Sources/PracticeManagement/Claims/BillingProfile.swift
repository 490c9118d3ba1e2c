import Foundation
import Platform

/// The organization as the 837P names it: the billing provider (loop 2010AA), the submitter
/// (1000A), the receiver (1000B), the default place of service and whether files are test or production.
public struct BillingProfile: Sendable, Codable, Equatable {
    public var legalName: String
    public var npi: String
    /// Nine digits; `86-1234567` is accepted and stored without the dash.
    public var ein: String
    public var taxonomyCode: String?
    public var addressLine1: String
    public var addressLine2: String?
    public var city: String
    public var stateCode: String
    /// ZIP+4, nine digits; `85004-1234` is accepted.
    public var postalCode: String
    public var submitterID: String
    public var submitterContactName: String
    public var submitterPhone: String?
    public var submitterEmail: String?
    public var receiverName: String
    public var receiverID: String
    public var defaultPlaceOfService: String
    /// `test` or `production` (ISA15).
    public var usage: String

    public init(legalName: String, npi: String, ein: String, taxonomyCode: String? = nil, addressLine1: String, addressLine2: String? = nil,
                city: String, stateCode: String, postalCode: String, submitterID: String, submitterContactName: String,
                submitterPhone: String? = nil, submitterEmail: String? = nil, receiverName: String, receiverID: String,
                defaultPlaceOfService: String = "11", usage: String = "test") {
        self.legalName = legalName
        self.npi = npi
        self.ein = ein
        self.taxonomyCode = taxonomyCode
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.stateCode = stateCode
        self.postalCode = postalCode
        self.submitterID = submitterID
        self.submitterContactName = submitterContactName
        self.submitterPhone = submitterPhone
        self.submitterEmail = submitterEmail
        self.receiverName = receiverName
        self.receiverID = receiverID
        self.defaultPlaceOfService = defaultPlaceOfService
        self.usage = usage
    }

    /// The profile normalized for storage, or a 422 naming the first field (in API spelling) that
    /// is refused. The checks are the EDI renderer's own, so a saved profile always renders.
    public func validated() throws -> BillingProfile {
        var profile = self
        profile.legalName = try ClaimFieldCheck.run("legal_name") { try X12Field.text(legalName, at: $0, length: 1...60) }
        profile.npi = try ClaimFieldCheck.run("npi") { try X12Field.npi(npi, at: $0) }
        profile.ein = try ClaimFieldCheck.run("ein") {
            try X12Field.digits(ein, at: $0, counts: [9], removing: ["-"], reason: "must be an EIN of 9 digits (12-3456789)")
        }
        profile.taxonomyCode = try ClaimFieldCheck.run("taxonomy_code") { try X12Field.taxonomy(taxonomyCode?.nilIfBlank, at: $0) }
        profile.addressLine1 = try ClaimFieldCheck.run("address_line1") { try X12Field.text(addressLine1, at: $0, length: 1...55) }
        profile.addressLine2 = try ClaimFieldCheck.run("address_line2") { try X12Field.optionalText(addressLine2, at: $0, length: 1...55) }
        profile.city = try ClaimFieldCheck.run("city") { try X12Field.text(city, at: $0, length: 2...30) }
        profile.stateCode = try ClaimFieldCheck.run("state_code") { try X12Field.state(stateCode, at: $0) }
        profile.postalCode = try ClaimFieldCheck.run("postal_code") { try X12Field.postalCode(postalCode, at: $0, requireZipPlusFour: true) }
        profile.submitterID = try ClaimFieldCheck.run("submitter_id") { try X12Field.identifier(submitterID, at: $0, length: 2...15) }
        profile.submitterContactName = try ClaimFieldCheck.run("submitter_contact_name") {
            try X12Field.text(submitterContactName, at: $0, length: 1...60)
        }
        profile.submitterPhone = try ClaimFieldCheck.run("submitter_phone") { path in
            try submitterPhone?.nilIfBlank.map { phone in
                try X12Field.digits(phone, at: path, counts: [10], removing: ["(", ")", "-", " ", "."], reason: "must be a 10-digit phone number")
            }
        }
        profile.submitterEmail = try ClaimFieldCheck.run("submitter_email") { path in
            try submitterEmail?.nilIfBlank.map { email in try X12Field.email(email, at: path) }
        }
        guard profile.submitterPhone != nil || profile.submitterEmail != nil else {
            throw DomainError.invalid("submitter_phone", "Give the submitter contact's phone or email.")
        }
        profile.receiverName = try ClaimFieldCheck.run("receiver_name") { try X12Field.text(receiverName, at: $0, length: 1...60) }
        profile.receiverID = try ClaimFieldCheck.run("receiver_id") { try X12Field.identifier(receiverID, at: $0, length: 2...15) }
        profile.defaultPlaceOfService = try ClaimFieldCheck.run("default_place_of_service") {
            try PlaceOfService(rawValue: defaultPlaceOfService).validated(at: $0).rawValue
        }
        guard ["test", "production"].contains(usage) else { throw DomainError.invalid("usage", "usage is test or production.") }
        return profile
    }
}

/// Turns the renderer's field refusals into the API's 422, named by the API's field.
enum ClaimFieldCheck {
    static func run<T>(_ field: String, _ check: (String) throws -> T) throws -> T {
        do {
            return try check(field)
        } catch ProfessionalClaimEDIError.invalidField(_, let reason) {
            throw DomainError.invalid(field, "\(field) \(reason).")
        }
    }
}

extension String {
    /// nil for an empty or all-blank string: forms send blanks for fields left out.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
