using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>The one unit of work. Used directly by handlers; no repositories on top.</summary>
public sealed class ContestsDbContext(DbContextOptions<ContestsDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
