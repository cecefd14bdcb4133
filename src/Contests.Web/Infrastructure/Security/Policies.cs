using Contests.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// Authorization policies by role. A policy names what may be done; the roles that may do it are
/// listed here once. Resource checks (which round, which entry) happen in the handlers.
/// </summary>
public static class Policies
{
    public const string ManageUsers = nameof(ManageUsers);
    public const string ReadAudit = nameof(ReadAudit);
    public const string ReadRegistry = nameof(ReadRegistry);
    public const string ManageRegistry = nameof(ManageRegistry);
    public const string VerifyBankAccounts = nameof(VerifyBankAccounts);
    public const string ReadRounds = nameof(ReadRounds);
    public const string ManageRounds = nameof(ManageRounds);
    public const string Judge = nameof(Judge);
    public const string ReadSession = nameof(ReadSession);
    public const string RunSession = nameof(RunSession);
    public const string ReadPayouts = nameof(ReadPayouts);
    public const string ApprovePayouts = nameof(ApprovePayouts);
    public const string RecordPayments = nameof(RecordPayments);
    public const string ReadDocuments = nameof(ReadDocuments);
    public const string IssueDocuments = nameof(IssueDocuments);
    public const string DownloadBankFiles = nameof(DownloadBankFiles);
    public const string ReadJobs = nameof(ReadJobs);
    public const string ReadIndicators = nameof(ReadIndicators);
    public const string ManageTargets = nameof(ManageTargets);
    public const string ExportData = nameof(ExportData);
    public const string ManageSurveys = nameof(ManageSurveys);

    /// <summary>Roles that see a person's full DNI; everyone else sees it masked ("******78").</summary>
    public static readonly IReadOnlyList<Role> SeeFullDni = [Role.ProjectOfficer, Role.FinanceOfficer];

    /// <summary>
    /// Roles that download a batch's bank files (every beneficiary's account and CCI): finance sends them to the bank,
    /// auditors check them. Officers and administrators don't; every download is recorded (<c>bank_file_downloads</c>).
    /// </summary>
    public static readonly IReadOnlyList<Role> DownloadBankFileRoles = [Role.FinanceOfficer, Role.Auditor];

    /// <summary>
    /// Roles that see the background jobs' dashboard (<c>/jobs</c>): administrators retry and delete, finance officers and
    /// auditors follow their batches. Not the Monitoring role: it reads what happened (payouts by state, the audit trail),
    /// not how the jobs ran, and a job's arguments and errors are operational detail it has no use for.
    /// </summary>
    public static readonly IReadOnlyList<Role> ReadJobRoles = [Role.Admin, Role.FinanceOfficer, Role.Auditor];

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(ManageUsers, p => p.RequireRole(nameof(Role.Admin)));
        options.AddPolicy(ReadAudit, p => p.RequireRole(nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(ReadRegistry, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        // Administrators run the system, not the programme: they read the registry (DNIs masked) but
        // don't edit people's records. Someone who does both holds both roles.
        options.AddPolicy(ManageRegistry, p => p.RequireRole(nameof(Role.ProjectOfficer)));
        options.AddPolicy(VerifyBankAccounts, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer)));
        // LRAC members don't see the rounds list: they reach only the sheets of the rounds they sit on (Judge).
        options.AddPolicy(ReadRounds, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(ManageRounds, p => p.RequireRole(nameof(Role.ProjectOfficer)));
        // A juror's pages; which sheets they reach is decided per resource (their own seat, no conflict).
        options.AddPolicy(Judge, p => p.RequireRole(nameof(Role.LracMember)));
        // The LRAC session of a round: officers run it, the round's president too, its members and the
        // reading roles follow it; which round a member reaches is decided per resource (their own seat).
        options.AddPolicy(ReadSession, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.LracMember), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(RunSession, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.LracMember)));
        // Payouts: officers create them and choose how each is paid; only finance officers approve, batch,
        // reconcile and reissue (four eyes: never their own); officers and finance record what happened on
        // the ground (cash receipts, tranche conditions); auditors and admins read.
        options.AddPolicy(ReadPayouts, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(ApprovePayouts, p => p.RequireRole(nameof(Role.FinanceOfficer)));
        options.AddPolicy(RecordPayments, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer)));
        // Documents: officers issue, void and reissue certificates and packs; finance, auditors and admins read and
        // download them. The verification page is public ([AllowAnonymous]).
        options.AddPolicy(ReadDocuments, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(IssueDocuments, p => p.RequireRole(nameof(Role.ProjectOfficer)));
        options.AddPolicy(DownloadBankFiles, p => p.RequireRole([.. DownloadBankFileRoles.Select(r => r.ToString())]));
        // The background jobs' dashboard (/jobs): administrators retry and delete, finance officers and auditors read.
        options.AddPolicy(ReadJobs, p => p.RequireRole([.. ReadJobRoles.Select(r => r.ToString())]));
        // Monitoring and evaluation: the Monitoring role reads what auditors read (above: rounds, registry with DNIs
        // masked, sessions, payouts, documents, audit) and edits nothing but the logframe's targets, which officers set too.
        // Decided: it does not download the bank files (DownloadBankFileRoles: every beneficiary's account number and CCI is
        // personal data, and monitoring needs only the payouts' totals by state) nor see the jobs (ReadJobRoles). The indicators are read by every role that reads the rounds.
        options.AddPolicy(ReadIndicators, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        options.AddPolicy(ManageTargets, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.Monitoring)));
        // Impact estimates: household surveys are defined and answered by officers and the Monitoring role;
        // the estimates are read by whoever reads the indicators.
        options.AddPolicy(ManageSurveys, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.Monitoring)));
        // Exports (CSV, XLSX): whoever reads the indicators takes their tables and rows out; DNIs only to SeeFullDni.
        options.AddPolicy(ExportData, p => p.RequireRole(nameof(Role.ProjectOfficer), nameof(Role.FinanceOfficer),
            nameof(Role.Auditor), nameof(Role.Admin), nameof(Role.Monitoring)));
        // Everything needs a signed-in user unless marked [AllowAnonymous].
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
