using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Home;

/// <summary>
/// The first README command: the real executable, in Development as <c>dotnet run</c> starts it, on an
/// empty data folder. It creates the SQLite file, seeds the demo, prints the logins and serves Spanish pages.
/// </summary>
public sealed partial class StartupTests
{
    [Fact]
    public async Task FirstStart_OnEmptyFolder_PrintsDemoLogins_ServesSpanishSignIn_AndDemoLoginsWork()
    {
        var data = Directory.CreateTempSubdirectory("contests-start-").FullName;
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = data;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            // An upper bound for a hang, not a speed test: the first start seeds the whole demo, and with the suite's other
            // processes on the two cores it once took over a minute.
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(180));
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(url) };
            var client = new AppClient(http);

            var login = await client.GetPageAsync("/account/login");
            Assert.Contains("<h1>Iniciar sesión</h1>", login);
            foreach (var (userName, _, _) in DemoSeeder.Accounts)
            {
                using var each = new AppClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });
                await each.SignInAsync(userName, DemoSeeder.DemoPassword);
            }
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }
            Assert.Contains($"password for all: {DemoSeeder.DemoPassword}", printed);
            Assert.All(DemoSeeder.Accounts, a => Assert.Contains(a.UserName, printed));
            Assert.True(File.Exists(Path.Combine(data, "contests.db")));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

            // The demo round waiting for the LRAC's review shows the money its rules give, exact and explained.
            using var officer = new AppClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });
            await officer.SignInAsync("oficial", DemoSeeder.DemoPassword);
            var rounds = await officer.GetPageAsync("/rounds");
            var id = Regex.Match(rounds, "href=\"/rounds/(\\d+)\"[^>]*>" + Regex.Escape(DemoJudging.ReviewedRoundName)).Groups[1].Value;
            var ranking = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{id}/ranking"));
            Assert.Contains("Total asignado S/ 1,350.00 de un presupuesto de S/ 4,000.00; quedan S/ 2,650.00.", ranking);
            Assert.Contains("Premio: S/ 600.00 — Puesto 1 de 8: S/ 600.00.", ranking);
            Assert.Contains("empatado con 1 más: (S/ 200.00 + S/ 50.00) / 2 = S/ 125.00.", ranking);
            // The published round: its acta approved by the demo's LRAC, its results public.
            var published = Regex.Match(rounds, "href=\"/rounds/(\\d+)\"[^>]*>" + Regex.Escape(DemoJudging.PublishedRoundName)).Groups[1].Value;
            using var visitor = new AppClient(new HttpClient { BaseAddress = new Uri(url) });
            var results = HtmlPage.Text(await visitor.GetPageAsync($"/public/rounds/{published}/results"));
            Assert.Contains("N.° 001-2026, sesión del ", results);
            Assert.Contains("Total de premios S/ 1,030.00", results);
            Assert.Contains("Acuerdo del CLAR: La familia no asistió a la evaluación pública", results);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
