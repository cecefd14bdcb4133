using System.Net;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Persistence;

/// <summary>
/// A second app instance on the same database, as behind a load balancer or after a restart; <paramref name="settings"/>
/// are this instance's own (an installation's configuration).
/// </summary>
public sealed class SecondInstance(ContestsApp first, params (string Key, string Value)[] settings) : ContestsApp
{
    public override DatabaseProvider Provider => first.Provider;

    public override string ConnectionString => first.ConnectionString;

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

public abstract class InstancesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task SignInOnOneInstance_WorksOnAnother_BecauseKeysLiveInTheDatabase()
    {
        // Two instances started on the same database (the test app's own key ring predates the per-test
        // database reset, so it is not one of them).
        await using var one = new SecondInstance(App);
        await using var two = new SecondInstance(App);
        using var first = new AppClient(one.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        using var client = two.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await first.PostFormAsync("/account/login", ("UserName", TestUsers.Auditor), ("Password", TestUsers.Password));
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".contests.auth=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
        request.Headers.Add("Cookie", setCookie.Split(';')[0]);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Registro de auditoría", await response.Content.ReadAsStringAsync());
        // …and the key that signed the cookie is the one stored in the database, not a file on this machine.
        using var scope = one.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var stored = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.Single(stored);
        Assert.Contains("<key id=", stored[0]);
    }

    /// <summary>
    /// With a certificate configured, the key ring in the database holds the key encrypted to it (no plain master key), and
    /// a sign-in made by one instance works on another that has the same certificate.
    /// </summary>
    [Fact]
    public async Task KeysEncryptedWithTheCertificate_NoPlainKeyInTheDatabase_SignInWorksOnAnInstanceWithIt()
    {
        using var certificates = new TestCertificates();
        var current = certificates.Create("contests-keys-2026");
        await using var one = new SecondInstance(App, ("DataProtection:Certificate", current), ("DataProtection:CertificatePassword", TestCertificates.Password));
        await using var two = new SecondInstance(App, ("DataProtection:Certificate", current), ("DataProtection:CertificatePassword", TestCertificates.Password));

        var cookie = await SignInCookieAsync(one);

        Assert.Equal(HttpStatusCode.OK, await AuditStatusAsync(two, cookie));
        var stored = Assert.Single(await StoredKeysAsync(one));
        Assert.Contains("encryptedSecret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rotation: an instance with a new certificate and the old one among <c>PreviousCertificates</c> reads the key
    /// encrypted with the old one, so sign-ins made before the rotation still work; without the old one it cannot.
    /// </summary>
    [Fact]
    public async Task RotatedCertificate_ThePreviousOneStillReadsTheOldKey_WithoutItTheCookieIsRefused()
    {
        using var certificates = new TestCertificates();
        var old = certificates.Create("contests-keys-2026");
        var next = certificates.Create("contests-keys-2027");
        await using var before = new SecondInstance(App, ("DataProtection:Certificate", old), ("DataProtection:CertificatePassword", TestCertificates.Password));
        var cookie = await SignInCookieAsync(before);

        await using (var rotated = new SecondInstance(App, ("DataProtection:Certificate", next), ("DataProtection:CertificatePassword", TestCertificates.Password),
            ("DataProtection:PreviousCertificates:0:Path", old), ("DataProtection:PreviousCertificates:0:Password", TestCertificates.Password)))
        {
            Assert.Equal(HttpStatusCode.OK, await AuditStatusAsync(rotated, cookie));
        }
        await using var forgot = new SecondInstance(App, ("DataProtection:Certificate", next), ("DataProtection:CertificatePassword", TestCertificates.Password));
        Assert.NotEqual(HttpStatusCode.OK, await AuditStatusAsync(forgot, cookie));
    }

    [Fact]
    public async Task WrongCertificatePassword_TheAppDoesNotStart_AndSaysWhichSetting()
    {
        using var certificates = new TestCertificates();
        var path = certificates.Create("contests-keys-2026");
        await using var app = new SecondInstance(App, ("DataProtection:Certificate", path), ("DataProtection:CertificatePassword", "not-the-password"));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var message = error is InvalidOperationException ? error.Message : error.InnerException?.Message ?? error.Message;
        Assert.Contains("DataProtection:Certificate", message, StringComparison.Ordinal);
        Assert.Contains(path, message, StringComparison.Ordinal);
    }

    private static async Task<string> SignInCookieAsync(SecondInstance instance)
    {
        using var client = new AppClient(instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var signIn = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Auditor), ("Password", TestUsers.Password));
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".contests.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> AuditStatusAsync(SecondInstance instance, string cookie)
    {
        using var client = instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<List<string>> StoredKeysAsync(SecondInstance instance)
    {
        using var scope = instance.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        return await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
    }

    [Fact]
    public async Task HealthLiveAndReady_BothHealthy_WhenDatabaseJobsAndFilesAnswer()
    {
        using var client = App.NewClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    /// <summary>A files folder that can't be written (here a file stands where the folder should be): not ready, still alive.</summary>
    [Fact]
    public async Task FilesFolderNotWritable_NotReady_NamingTheCheck_ButAlive()
    {
        var blocker = Path.Combine(App.FilesPath, "not-a-folder");
        Directory.CreateDirectory(App.FilesPath);
        await File.WriteAllTextAsync(blocker, "a file where the files folder should be");
        await using var instance = new SecondInstance(App, ("Storage:Path", blocker));
        using var client = instance.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.StartsWith("Unhealthy", body, StringComparison.Ordinal);
        Assert.Contains("files: Unhealthy", body, StringComparison.Ordinal);
        Assert.Contains("database: Healthy", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var client = App.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Self-signed certificates with their private keys in .pfx files, as <c>openssl</c> makes them for an installation.</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "clave-de-prueba";

    private readonly string _folder = Directory.CreateTempSubdirectory("contests-certs-").FullName;

    public string Create(string name)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN={name}", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, Password));
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class InstancesTestsOnSqlite(SqliteApp app) : InstancesTests<SqliteApp>(app);

public sealed class InstancesTestsOnPostgres(PostgresApp app) : InstancesTests<PostgresApp>(app);
