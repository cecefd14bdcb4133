namespace Contests.Core.Accounts;

/// <summary>What a person may do in the system. A user can hold several roles.</summary>
public enum Role
{
    Admin,
    ProjectOfficer,
    LracMember,
    FinanceOfficer,
    Auditor,
}
