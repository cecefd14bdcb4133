using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Contests.Web.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Contests.Benchmarks;

/// <summary>
/// Server-side cost of rendering whole pages: the real app (routing, cookies, antiforgery,
/// authorization, EF Core on SQLite, Razor, localization) hosted in-process by
/// <see cref="WebApplicationFactory{TEntryPoint}"/>; one request per operation, no network.
/// Every operation checks for 200 so that a broken page (redirect, 403, 500) can't pass for a fast one.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public partial class PageRenderBenchmarks
{
    private static readonly Uri LoginUrl = new("/account/login", UriKind.Relative);
    private static readonly Uri HomeUrl = new("/", UriKind.Relative);
    private static readonly Uri UsersUrl = new("/admin/users", UriKind.Relative);

    /// <summary>
    /// How long the first setup of a run requests all three pages before measuring. Tiered JIT with dynamic
    /// PGO keeps making the shared request path faster for tens of seconds: with 2 s of warm-up the first
    /// benchmark of a run fell from 0.98 to 0.56 ms/op across its ten iterations while the later ones were
    /// flat; after 30 s it stays within about ±10 %. Later setups (same process, JIT state kept, new host)
    /// only need <see cref="LaterWarmUp"/>.
    /// </summary>
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LaterWarmUp = TimeSpan.FromSeconds(5);

    private static bool _processWarmedUp;

    private string _folder = string.Empty;
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _anonymous;
    private HttpClient? _admin;

    /// <remarks>Synchronous: BenchmarkDotNet's in-process toolchain doesn't await a Task-returning setup.</remarks>
    [GlobalSetup]
    public void Start()
    {
        try
        {
            StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            Stop(); // BenchmarkDotNet skips the cleanup when the setup throws
            throw;
        }
    }

    private async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("contests-bench-").FullName;
        var connectionString = "Data Source=" + Path.Combine(_folder, "bench.db");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(WebContentRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Contests", connectionString);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Security:LoginAttemptsPerMinute", "100000");
        });

        // A first visit: no cookies kept, so every request gets a fresh antiforgery cookie as a new visitor would.
        _anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        _admin = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(_admin, "admin", DemoSeeder.DemoPassword);

        // Fail now, not after minutes of measuring, if a page is broken. Then bring the code all pages share
        // to its final JIT tier, so the first benchmark of a run doesn't pay for the others.
        var pages = new (HttpClient Client, Uri Url)[] { (_anonymous, LoginUrl), (_admin, HomeUrl), (_admin, UsersUrl) };
        foreach (var (client, url) in pages)
        {
            var bytes = await GetOkAsync(client, url);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// GET {url}: 200, {bytes} bytes of HTML (uncompressed)"));
        }
        var warmUp = _processWarmedUp ? LaterWarmUp : FirstWarmUp;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmUp)
        {
            foreach (var (client, url) in pages)
            {
                await GetOkAsync(client, url);
            }
        }
        _processWarmedUp = true;
    }

    /// <summary>
    /// The app's folder, from the manifest Mvc.Testing writes next to the binaries. WebApplicationFactory
    /// looks for that manifest in the current directory only, which under <c>dotnet run</c> is wherever
    /// the command was typed, and then guesses wrong (<c>&lt;repo&gt;/Contests.Web</c>).
    /// </summary>
    internal static string WebContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        using var stream = File.OpenRead(manifest);
        using var json = JsonDocument.Parse(stream);
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            if (entry.Name.StartsWith(typeof(Program).Assembly.GetName().Name + ",", StringComparison.Ordinal))
            {
                return entry.Value.GetString() ?? throw new InvalidOperationException($"{manifest}: empty path for {entry.Name}.");
            }
        }
        throw new InvalidOperationException($"{manifest} names no content root for {typeof(Program).Assembly.GetName().Name}.");
    }

    [GlobalCleanup]
    public void Stop()
    {
        _anonymous?.Dispose();
        _admin?.Dispose();
        _factory?.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The sign-in page for an anonymous first visit.</summary>
    [Benchmark]
    public Task<int> LoginPageAnonymous() => GetOkAsync(_anonymous!, LoginUrl);

    /// <summary>The home page, signed in as the demo admin.</summary>
    [Benchmark]
    public Task<int> HomePageSignedIn() => GetOkAsync(_admin!, HomeUrl);

    /// <summary>The user list (first page), signed in as the demo admin.</summary>
    [Benchmark]
    public Task<int> AdminUsersPageSignedIn() => GetOkAsync(_admin!, UsersUrl);

    /// <returns>The length of the body in bytes, so the read can't be optimised away.</returns>
    private static async Task<int> GetOkAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode} {response.StatusCode}, expected 200 OK.");
        }
        return body.Length;
    }

    private static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        using var page = await client.GetAsync(LoginUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {LoginUrl} returned {(int)page.StatusCode}, expected 200 OK.");
        }
        var input = TokenInputPattern().Match(html);
        var match = input.Success ? ValuePattern().Match(input.Value) : input;
        if (!match.Success)
        {
            throw new InvalidOperationException("The sign-in page has no __RequestVerificationToken input.");
        }
        using var form = new FormUrlEncodedContent(
        [
            new KeyValuePair<string, string>("UserName", userName),
            new KeyValuePair<string, string>("Password", password),
            new KeyValuePair<string, string>("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value)),
        ]);
        using var response = await client.PostAsync(LoginUrl, form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} returned {(int)response.StatusCode}, expected 302.");
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInputPattern();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex ValuePattern();
}
