using Contests.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static IServiceCollection AddContestsPersistence(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o => Complete(o, configuration, environment));

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditActor>();
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<AuditActor>());
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<AuditInterceptor>();
        services.AddDbContext<ContestsDbContext>((sp, options) =>
        {
            UseProvider(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });
        services.AddScoped<MigrationRunner>();
        services.AddScoped<AuditVerifier>();
        return services;
    }

    /// <summary>The settings as the app will use them (also read by the scheduler, which is set up before options resolve).</summary>
    public static DatabaseOptions Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        Complete(options, configuration, environment);
        return options;
    }

    private static void Complete(DatabaseOptions o, IConfiguration configuration, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            o.ConnectionString = configuration.GetConnectionString("Contests") ?? string.Empty;
        }
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            if (o.Provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Contests is empty. " +
                    "Set it, e.g. ConnectionStrings__Contests='Host=127.0.0.1;Database=contests;Username=contests;Password=…'.");
            }
            var folder = Path.IsPathRooted(o.DataDirectory) ? o.DataDirectory : Path.Combine(environment.ContentRootPath, o.DataDirectory);
            o.ConnectionString = $"Data Source={Path.Combine(folder, "contests.db")}";
        }
    }

    public static void UseProvider(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        switch (database.Provider)
        {
            // Queries that load several collections stay one command each (EF's default, chosen here so EF stops warning
            // about it at every first use): the app's are small aggregates, and one command reads one consistent state.
            case DatabaseProvider.Postgres:
                options.UseNpgsql(database.ConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            default:
                options.UseSqlite(database.ConnectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .AddInterceptors(SqliteBusyTimeout.Instance);
                break;
        }
    }
}
