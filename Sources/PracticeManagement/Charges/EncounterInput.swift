public import Foundation
public import Platform

/// What a clinician documents about one individual encounter, as charge capture reads it.
public struct EncounterInput: Sendable, Codable, Equatable {
    public var patientID: UUID
    public var siteID: UUID?
    public var serviceDate: ServiceDate
    public var serviceType: String
    public var minutes: Int
    public var isGroup: Bool
    public var isFamily: Bool
    public var patientPresent: Bool?
    public var telehealth: TelehealthModality?
    public var isCourtOrdered: Bool
    public var isFamilySupportPartner: Bool
    public var payerID: UUID?

    public init(patientID: UUID, siteID: UUID? = nil, serviceDate: ServiceDate, serviceType: String, minutes: Int,
                isGroup: Bool = false, isFamily: Bool = false, patientPresent: Bool? = nil, telehealth: TelehealthModality? = nil,
                isCourtOrdered: Bool = false, isFamilySupportPartner: Bool = false, payerID: UUID? = nil) {
        self.patientID = patientID
        self.siteID = siteID
        self.serviceDate = serviceDate
        self.serviceType = serviceType
        self.minutes = minutes
        self.isGroup = isGroup
        self.isFamily = isFamily
        self.patientPresent = patientPresent
        self.telehealth = telehealth
        self.isCourtOrdered = isCourtOrdered
        self.isFamilySupportPartner = isFamilySupportPartner
        self.payerID = payerID
    }

    /// The facts the modifier rules read; u7 and ub come from the organization's settings, never the caller.
    func facts(settings: ModuleSettings) -> EncounterFacts {
        EncounterFacts(isGroup: isGroup, isFamily: isFamily, patientPresent: patientPresent, telehealth: telehealth,
                       isCourtOrdered: isCourtOrdered, isFamilySupportPartner: isFamilySupportPartner,
                       autoApplyU7: settings.autoApplyU7, autoApplyUB: settings.autoApplyUB)
    }
}
