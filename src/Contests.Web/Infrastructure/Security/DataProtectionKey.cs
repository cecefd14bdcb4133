using Contests.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// A data-protection key (signs sign-in cookies and antiforgery tokens), kept in the database so every
/// instance shares it and a sign-in survives a restart.
/// </summary>
public sealed class DataProtectionKey
{
    private DataProtectionKey()
    {
        FriendlyName = Xml = string.Empty;
    }

    public DataProtectionKey(string friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    public int Id { get; private set; }

    public string FriendlyName { get; private set; }

    public string Xml { get; private set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.ExcludedFromAudit();
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Xml).IsRequired();
    }
}
