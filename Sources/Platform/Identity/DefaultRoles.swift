import PostgresNIO
/// The roles every new organization starts with; administrators may add more.
public struct RoleTemplate: Sendable {
    public let key: String
    public let name: String
    public let permissions: [PermissionKey]
}

public enum DefaultRoles {
    public static let all: [RoleTemplate] = [
        RoleTemplate(key: "administrator", name: "Administrator", permissions: [
            .groupSessionRead, .groupSessionManage, .attendanceWrite, .attendanceWriteForce, .patientsRead, .patientsManage,
            .scheduleManage, .chargesCreate, .chargesEdit, .claimsRead, .claimsManage, .billingRulesManage, .reportsRead,
            .financialCounselingView, .financialCounselingManage, .financialCounselingApproveCharity, .vbpRead, .vbpManage,
            .qualityRead, .qualityManage, .usersManage, .auditRead, .organizationManage,
        ]),
        RoleTemplate(key: "supervisor", name: "Clinical supervisor", permissions: [
            .groupSessionRead, .groupSessionManage, .attendanceWrite, .attendanceWriteForce, .patientsRead, .scheduleManage, .reportsRead,
            .qualityRead, .qualityManage,
        ]),
        RoleTemplate(key: "facilitator", name: "Group facilitator", permissions: [
            .groupSessionRead, .attendanceWrite, .patientsRead,
        ]),
        RoleTemplate(key: "billing", name: "Billing specialist", permissions: [
            .groupSessionRead, .patientsRead, .chargesCreate, .chargesEdit, .claimsRead, .claimsManage, .reportsRead,
        ]),
        RoleTemplate(key: "financial-counselor", name: "Financial counselor", permissions: [
            .patientsRead, .financialCounselingView, .financialCounselingManage,
        ]),
        // Approving or denying charity care is supervisor-level (PM-32): not the counselor's.
        RoleTemplate(key: "financial-counseling-supervisor", name: "Financial counseling supervisor", permissions: [
            .patientsRead, .financialCounselingView, .financialCounselingManage, .financialCounselingApproveCharity,
        ]),
        RoleTemplate(key: "finance", name: "Finance", permissions: [.vbpRead, .vbpManage, .reportsRead]),
        // Finalizes quality periods and follows what they earn under VBP contracts, without changing contracts.
        RoleTemplate(key: "quality-manager", name: "Quality manager", permissions: [.qualityRead, .qualityManage, .vbpRead, .reportsRead]),
    ]
}
