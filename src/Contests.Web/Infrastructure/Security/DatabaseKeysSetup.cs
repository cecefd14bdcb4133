using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// <c>DataProtection:*</c>: the certificate that encrypts the data-protection keys stored in the database (the keys that
/// sign sign-in cookies and antiforgery tokens). Without one the keys are stored as plain XML and the framework warns at
/// start-up; an installation supplies one (deploy/README.md says how to make and rotate it).
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key: new keys are encrypted with it.</summary>
    public string? Certificate { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates replaced by a rotation: keys encrypted with them can still be read until they expire.</summary>
    public List<PreviousCertificate> PreviousCertificates { get; set; } = [];

    public sealed class PreviousCertificate
    {
        public string Path { get; set; } = string.Empty;

        public string? Password { get; set; }
    }
}

internal static class DatabaseKeysSetup
{
    public static IServiceCollection AddDataProtectionKeysInDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("contests");
        var options = configuration.GetSection(KeyEncryptionOptions.Section).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (!string.IsNullOrWhiteSpace(options.Certificate))
        {
            var current = Load(options.Certificate, options.CertificatePassword, "DataProtection:Certificate");
            var previous = options.PreviousCertificates
                .Select((p, i) => Load(p.Path, p.Password, $"DataProtection:PreviousCertificates:{i}"));
            protection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>The certificate with its private key, or a start-up failure that says which setting and why.</summary>
    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: the certificate '{path}' cannot be read ({e.Message}). " +
                "It must be a PKCS#12 (.pfx) file with its private key, and the password must match.", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{setting}: the certificate '{path}' has no private key: keys encrypted with it could not be read back.");
        }
        return certificate;
    }
}
