using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contests.Web.Infrastructure.Health;

/// <summary>
/// What a load balancer and a service manager ask an instance. <c>/health/live</c>: the process answers (restart it if
/// not). <c>/health/ready</c>: it can serve — the database answers, Hangfire's job storage answers, the files folder
/// takes a write (take it out of rotation if not). <c>/health</c> is kept as the readiness check for old configurations.
/// The answers say only Healthy/Unhealthy per check: nothing about the data.
/// </summary>
public static class HealthSetup
{
    public const string Ready = "ready";

    public static IServiceCollection AddContestsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<ContestsDbContext>("database", tags: [Ready])
            .AddCheck<JobStorageCheck>("jobs", tags: [Ready])
            .AddCheck<FilesWritableCheck>("files", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapContestsHealth(this IEndpointRouteBuilder endpoints)
    {
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        endpoints.MapHealthChecks("/health", ready).AllowAnonymous();
        return endpoints;
    }

    /// <summary>"Healthy", or "Unhealthy" and one line per check ("files: Unhealthy"), as plain text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Status == HealthStatus.Healthy
            ? []
            : report.Entries.Select(e => $"\n{e.Key}: {e.Value.Status}");
        return context.Response.WriteAsync(report.Status + string.Concat(lines));
    }
}

/// <summary>Hangfire's storage answers (a connection opened and a read made).</summary>
internal sealed class JobStorageCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            connection.GetAllEntriesFromHash("contests:health");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
#pragma warning disable CA1031 // a health check reports any failure as unhealthy rather than throwing
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer.", e));
        }
    }
}

/// <summary>The file storage takes a write (a small file written, read back and deleted: in the folder or in the database, <c>Storage:Kind</c>).</summary>
internal sealed class FilesWritableCheck(FileStore files) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await files.ProbeWritableAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // a health check reports any failure (disk, permissions, database) as unhealthy rather than throwing
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The file storage cannot be written.", e);
        }
    }
}
