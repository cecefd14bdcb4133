using System.Net;
using Contests.Core.Plans;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Plans;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Review;

/// <summary>
/// A funded plan's public progress page, through HTTP on both providers, without signing in: linked from the round's
/// public results, it shows the components' progress from the latest report, the tranche paid and the report received,
/// and nothing personal (no DNI, no account or CCI, no phone); an unknown or unfunded entry is 404.
/// </summary>
public abstract class PublicPlanTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private ContractedPlan Plan { get; } = new(app);

    [Fact]
    public async Task AFundedPlan_LinkedFromTheResults_ShowsItsProgress_AndNothingPersonal()
    {
        var (roundId, entryId, _) = await Plan.CreateAsync();
        var plan = $"/rounds/{Id(roundId)}/plans/{Id(entryId)}";
        using (var officer = await App.SignedInClientAsync(TestUsers.Officer))
        {
            await RedirectsToAsync(await officer.PostFormAsync(plan, plan + "/reports", ("Report.Kind", nameof(ReportKind.Interim)),
                ("Report.ReceivedOn", "2026-11-23"), ("Report.Narrative", "Galpones techados."), ("Report.Progress[0]", "70"),
                ("Report.Progress[1]", "45")), plan);
        }
        using var visitor = App.NewClient();

        var results = await HtmlAsync(await visitor.GetAsync($"/public/rounds/{Id(roundId)}/results"), HttpStatusCode.OK);
        var html = await HtmlAsync(await visitor.GetAsync($"/public/plans/{Id(entryId)}"), HttpStatusCode.OK);

        Assert.Contains($"href=\"/public/plans/{Id(entryId)}\"", results, StringComparison.Ordinal);
        Assert.Contains("data-state=\"InProgress\"", html, StringComparison.Ordinal);
        Assert.Contains("data-percent=\"70\"", html, StringComparison.Ordinal);
        Assert.Contains("data-percent=\"45\"", html, StringComparison.Ordinal);
        Assert.Contains("data-tranche=\"1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-tranche=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("data-report=\"Interim\"", html, StringComparison.Ordinal);
        var text = HtmlPage.Text(html);
        Assert.Contains(ContractedPlan.Cuyes, text, StringComparison.Ordinal);
        Assert.Contains("5,250.00", text, StringComparison.Ordinal);
        var people = await Plan.Registry.ReadAsync(db => db.Organizations.AsNoTracking().Select(o => new { o.PresidentDni, o.TreasurerDni }).SingleAsync());
        Assert.All(new[] { people.PresidentDni, people.TreasurerDni, ContractedPlan.AccountNumber, ContractedPlan.Cci },
            value => Assert.DoesNotContain(value, html, StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\b9\d{8}\b", text); // no mobile number
        Assert.DoesNotContain("DNI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CCI", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownEntry_OrOneWithoutAContractInForce_IsNotFound()
    {
        var (_, entryId, _) = await Plan.CreateAsync();
        using var visitor = App.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/public/plans/{Id(entryId + 1000)}")).StatusCode);

        await Plan.Registry.WriteAsync(db =>
        {
            return db.Documents.Single(d => d.EntryId == entryId && d.Kind == Core.Documents.DocumentKind.Contract).Void("Firmado con datos errados.", null,
                App.Clock.GetUtcNow().UtcDateTime).Succeeded;
        });

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/public/plans/{Id(entryId)}")).StatusCode);
    }
}

public sealed class PublicPlanTestsOnSqlite(SqliteApp app) : PublicPlanTests<SqliteApp>(app);

public sealed class PublicPlanTestsOnPostgres(PostgresApp app) : PublicPlanTests<PostgresApp>(app);
