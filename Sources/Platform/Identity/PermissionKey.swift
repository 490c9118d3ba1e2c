import PostgresNIO
/// A permission a role grants or an API token carries as a scope.
public struct PermissionKey: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    // From the seeds (CL-14, PM-07, PM-32 / PF-30).
    public static let groupSessionRead: PermissionKey = "clinical.group-session.read"
    public static let attendanceWrite: PermissionKey = "clinical.attendance.write"
    public static let attendanceWriteForce: PermissionKey = "clinical.attendance.write.force"
    public static let chargesCreate: PermissionKey = "pm.charges.create"
    public static let chargesEdit: PermissionKey = "pm.charges.edit"
    public static let financialCounselingView: PermissionKey = "pm.financial_counseling.view"
    public static let financialCounselingManage: PermissionKey = "pm.financial_counseling.manage"
    public static let financialCounselingApproveCharity: PermissionKey = "pm.financial_counseling.approve_charity"
    // Added by the product.
    public static let groupSessionManage: PermissionKey = "clinical.group-session.manage"
    public static let patientsRead: PermissionKey = "pm.patients.read"
    public static let patientsManage: PermissionKey = "pm.patients.manage"
    public static let scheduleManage: PermissionKey = "pm.schedule.manage"
    public static let claimsRead: PermissionKey = "pm.claims.read"
    public static let claimsManage: PermissionKey = "pm.claims.manage"
    public static let billingRulesManage: PermissionKey = "pm.billing-rules.manage"
    public static let reportsRead: PermissionKey = "pm.reports.read"
    public static let vbpRead: PermissionKey = "finance.vbp.read"
    public static let vbpManage: PermissionKey = "finance.vbp.manage"
    public static let qualityRead: PermissionKey = "clinical.quality.read"
    public static let qualityManage: PermissionKey = "clinical.quality.manage"
    public static let usersManage: PermissionKey = "platform.users.manage"
    public static let auditRead: PermissionKey = "platform.audit.read"
    public static let organizationManage: PermissionKey = "platform.organization.manage"
}
