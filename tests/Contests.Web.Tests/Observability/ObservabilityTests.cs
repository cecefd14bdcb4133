using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Observability;

/// <summary>
/// Log lines as the console writes them with the settings the systemd unit in deploy/ sets (JSON, scopes included), and
/// the Prometheus metrics at /metrics: only for allowed addresses, with the app's counters. Nothing here depends on the
/// database provider, so it runs on SQLite only.
/// </summary>
public sealed class ObservabilityTests(SqliteApp app) : AppTest<SqliteApp>(app)
{
    [Fact]
    public async Task JsonLogLines_CarryTheRequestId_AndTheSignedInUsersId()
    {
        using var capture = new FormattedLogCapture();
        await using var instance = new LoggedInstance(App, capture);
        using var auditor = new AppClient(instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/account/login")).StatusCode);
        await auditor.SignInAsync(TestUsers.Auditor, TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/audit")).StatusCode);

        var auditorId = await UserIdAsync(TestUsers.Auditor);
        var lines = capture.Lines.Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        var audit = lines.Where(l => ScopeValue(l, "RequestPath") == "/audit").ToList();
        Assert.NotEmpty(audit);
        Assert.All(audit, l => Assert.Equal(auditorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ScopeValue(l, "UserId")));
        Assert.All(audit, l => Assert.False(string.IsNullOrEmpty(ScopeValue(l, "RequestId"))));
        // Before signing in there is no user to name.
        var login = lines.Where(l => ScopeValue(l, "RequestPath") == "/account/login").ToList();
        Assert.NotEmpty(login);
        Assert.All(login, l => Assert.Null(ScopeValue(l, "UserId")));
    }

    [Fact]
    public async Task Metrics_AreRefusedToAnAddressNotAllowed()
    {
        var (status, body) = await MetricsAsync(IPAddress.Parse("203.0.113.7"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal); // an allowed scrape always has target_info
    }

    [Fact]
    public async Task Metrics_FromLoopback_CountAScoreSheetSave()
    {
        var data = new JudgingData(App);
        var round = await data.SeedAsync();
        var sheet = await data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        var before = SheetSaves(await MetricsTextAsync());

        await RedirectsToAsync(await PostSheetAsync(juror, Sheet(sheet), submit: false, ["12", "10", ""]), Sheet(sheet));

        Assert.Equal(before + 1, SheetSaves(await MetricsTextAsync()));
    }

    /// <summary>Saves so far (draft saves, <c>submitted="false"</c>); 0 before the first.</summary>
    private static long SheetSaves(string metrics)
    {
        var match = Regex.Match(metrics, "^contests_score_sheet_saves_total\\{[^}]*submitted=\"[Ff]alse\"[^}]*\\} (\\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private async Task<string> MetricsTextAsync()
    {
        var (status, body) = await MetricsAsync(IPAddress.Loopback);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>GET /metrics as if from <paramref name="from"/> (the test server has no real connection to take it from).</summary>
    private async Task<(HttpStatusCode Status, string Body)> MetricsAsync(IPAddress from)
    {
        var context = await App.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = from;
        });
        using var reader = new StreamReader(context.Response.Body);
        return ((HttpStatusCode)context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private async Task<int> UserIdAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A property of one of the line's scopes (the JSON formatter writes each scope as an object).</summary>
    private static string? ScopeValue(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name) is var v && v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
                .FirstOrDefault()
            : null;

    /// <summary>An instance on the test app's database with the systemd unit's log settings and a capture of its lines.</summary>
    private sealed class LoggedInstance(ContestsApp first, FormattedLogCapture capture) : ContestsApp
    {
        public override DatabaseProvider Provider => first.Provider;

        public override string ConnectionString => first.ConnectionString;

        protected override Task CreateDatabaseAsync() => Task.CompletedTask;

        protected override Task DropDatabaseAsync() => Task.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:Console:FormatterName", "json");
            builder.UseSetting("Logging:Console:FormatterOptions:IncludeScopes", "true");
            // The framework's own line for each endpoint it runs: a line written inside the request.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware", "Information");
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(sp =>
            {
                var name = sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
                capture.Formatter = sp.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
                return capture;
            }));
        }
    }

    /// <summary>
    /// What the console logger would print, without the console: each entry written by the formatter the configuration
    /// chose (the console's own), with the scopes the logger factory keeps.
    /// </summary>
    private sealed class FormattedLogCapture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConsoleFormatter? Formatter { get; set; }

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(FormattedLogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (capture.Formatter is not { } console)
                {
                    return;
                }
                using var writer = new StringWriter();
                console.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), capture._scopes, writer);
                foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    capture._lines.Enqueue(line);
                }
            }
        }
    }
}
