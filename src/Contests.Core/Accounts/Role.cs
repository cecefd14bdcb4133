namespace Contests.Core.Accounts;

/// <summary>What a person may do in the system. A user can hold several roles.</summary>
public enum Role
{
    Admin,
    ProjectOfficer,
    LracMember,
    FinanceOfficer,
    Auditor,

    /// <summary>Monitoring and evaluation officer: reads what the auditor reads, and edits only the logframe's targets.</summary>
    Monitoring,
}
