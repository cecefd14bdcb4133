using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Features.Api;

/// <summary>
/// One answer of the read API: which key asked (null when none or an unknown one was presented), what, the status and when.
/// This table is the API's own log, so it is not audited again (a record per request would flood the audit chain);
/// the keys themselves (issue, revoke) are audited.
/// </summary>
public sealed class ApiRequest
{
    public const int PathMaxLength = 400;

    private ApiRequest()
    {
        Path = string.Empty;
    }

    public ApiRequest(int? apiKeyId, string path, int status, DateTime requestedUtc)
    {
        ApiKeyId = apiKeyId;
        Path = path.Length > PathMaxLength ? path[..PathMaxLength] : path;
        Status = status;
        RequestedUtc = requestedUtc;
    }

    public long Id { get; private set; }

    public int? ApiKeyId { get; private set; }

    /// <summary>Path and query string as asked.</summary>
    public string Path { get; private set; }

    public int Status { get; private set; }

    public DateTime RequestedUtc { get; private set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(ApiKey.HashLength).IsRequired().RedactedInAudit();
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.RevokedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(k => k.Revoked);
    }
}

internal sealed class ApiRequestConfiguration : IEntityTypeConfiguration<ApiRequest>
{
    public void Configure(EntityTypeBuilder<ApiRequest> builder)
    {
        builder.ToTable("api_requests");
        builder.ExcludedFromAudit();
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Path).HasMaxLength(ApiRequest.PathMaxLength).IsRequired();
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ApiKeyId, r.RequestedUtc });
    }
}
