using Contests.Core.Accounts;
using Contests.Core.Documents;
using Contests.Core.Judging;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>The one unit of work. Used directly by handlers; no repositories on top.</summary>
public sealed class ContestsDbContext(DbContextOptions<ContestsDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<LocalOffice> LocalOffices => Set<LocalOffice>();

    public DbSet<FundingSource> FundingSources => Set<FundingSource>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Province> Provinces => Set<Province>();

    public DbSet<District> Districts => Set<District>();

    public DbSet<Community> Communities => Set<Community>();

    public DbSet<Watershed> Watersheds => Set<Watershed>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<HouseholdMembership> HouseholdMemberships => Set<HouseholdMembership>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    public DbSet<ContestRound> Rounds => Set<ContestRound>();

    public DbSet<Entry> Entries => Set<Entry>();

    public DbSet<LracMember> LracMembers => Set<LracMember>();

    public DbSet<DeclaredConflict> DeclaredConflicts => Set<DeclaredConflict>();

    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();

    public DbSet<Acta> Actas => Set<Acta>();

    public DbSet<PrizeAward> Awards => Set<PrizeAward>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<PayoutBatch> PayoutBatches => Set<PayoutBatch>();

    public DbSet<IssuedDocument> Documents => Set<IssuedDocument>();

    public DbSet<DocumentPack> DocumentPacks => Set<DocumentPack>();

    public DbSet<ContractTemplate> ContractTemplates => Set<ContractTemplate>();

    public DbSet<DonationContract> DonationContracts => Set<DonationContract>();

    public DbSet<ContractAddendum> ContractAddenda => Set<ContractAddendum>();

    public DbSet<Features.Documents.DocumentKey> DocumentKeys => Set<Features.Documents.DocumentKey>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<Contests.Core.Monitoring.FollowUpVisit> FollowUpVisits => Set<Contests.Core.Monitoring.FollowUpVisit>();

    public DbSet<Contests.Core.Monitoring.LogframeTarget> LogframeTargets => Set<Contests.Core.Monitoring.LogframeTarget>();

    public DbSet<Contests.Core.Monitoring.DataExport> DataExports => Set<Contests.Core.Monitoring.DataExport>();

    public DbSet<Contests.Core.Impact.Survey> Surveys => Set<Contests.Core.Impact.Survey>();

    public DbSet<Contests.Core.Impact.SurveyWave> SurveyWaves => Set<Contests.Core.Impact.SurveyWave>();

    public DbSet<Contests.Core.Impact.SurveyAnswer> SurveyAnswers => Set<Contests.Core.Impact.SurveyAnswer>();

    public DbSet<Contests.Core.Plans.PlanReceipt> PlanReceipts => Set<Contests.Core.Plans.PlanReceipt>();

    public DbSet<Contests.Core.Plans.CounterpartDeposit> CounterpartDeposits => Set<Contests.Core.Plans.CounterpartDeposit>();

    public DbSet<Contests.Core.Plans.ProgressReport> ProgressReports => Set<Contests.Core.Plans.ProgressReport>();

    public DbSet<Contests.Core.Plans.PlanCloseOut> PlanCloseOuts => Set<Contests.Core.Plans.PlanCloseOut>();

    public DbSet<Contests.Core.Plans.ReportAttachment> ReportAttachments => Set<Contests.Core.Plans.ReportAttachment>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Files kept in the database (<c>Storage:Kind=Database</c>).</summary>
    public DbSet<Storage.StoredFile> StoredFiles => Set<Storage.StoredFile>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContestsDbContext).Assembly);
        NamingConvention.ApplySnakeCase(modelBuilder.Model);
    }
}
