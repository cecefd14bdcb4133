using System.Net;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;

namespace Contests.Web.Tests.Rounds;

/// <summary>A round's bases are public once it opens: no sign-in, every version, nothing about people.</summary>
public abstract class PublicRulesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task OpenRound_BasesArePublic_WithoutSignIn_AndShowNoEntries()
    {
        var round = await OpenRound.SeedAsync(App);
        await round.RegisterAsync(App, round.Inside[0]);
        using var anonymous = App.NewClient();

        var html = await anonymous.GetPageAsync($"/public/rounds/{round.Id}");

        var text = HtmlPage.Text(html);
        Assert.Contains(OpenRound.Name, text, StringComparison.Ordinal);
        Assert.Contains("Huayllabamba", text, StringComparison.Ordinal);
        Assert.Contains("Versión 1 de 1", text, StringComparison.Ordinal);
        Assert.Contains("Aprueba desde 11 puntos de 20.", text, StringComparison.Ordinal);
        Assert.Contains("S/ 600.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quispe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("41234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EarlierVersions_StayReadable_WithTheReasonForTheChange()
    {
        var round = await OpenRound.SeedAsync(App);
        var data = new RegistryData(App);
        await data.WriteAsync(db =>
        {
            var r = db.Rounds.Single(x => x.Id == round.Id);
            var v1 = r.CurrentRules!.Rules;
            var result = r.SetRules(v1 with { Prizes = v1.Prizes with { Tiers = [700m, 300m] } }, "El municipio aumentó el primer premio",
                round.Officer, App.Clock.GetUtcNow().UtcDateTime);
            Assert.True(result.Succeeded);
            return r;
        });
        using var anonymous = App.NewClient();

        var current = HtmlPage.Text(await anonymous.GetPageAsync($"/public/rounds/{round.Id}"));
        var first = HtmlPage.Text(await anonymous.GetPageAsync($"/public/rounds/{round.Id}?version=1"));

        Assert.Contains("Versión 2 de 2", current, StringComparison.Ordinal);
        Assert.Contains("El municipio aumentó el primer premio", current, StringComparison.Ordinal);
        Assert.Contains("S/ 700.00", current, StringComparison.Ordinal);
        Assert.Contains("Versión 1 de 2", first, StringComparison.Ordinal);
        Assert.Contains("S/ 600.00", first, StringComparison.Ordinal);
        Assert.DoesNotContain("S/ 700.00", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/rounds/{round.Id}?version=3")).StatusCode);
    }

    [Fact]
    public async Task DraftRound_IsNotPublic()
    {
        var round = await OpenRound.SeedAsync(App);
        var data = new RegistryData(App);
        var draft = await data.WriteAsync(db =>
        {
            var open = db.Rounds.Single(x => x.Id == round.Id);
            var (_, r) = ContestRound.Create(open.ProgrammeId, new RoundSetup
            {
                Name = "Borrador", LocalOfficeId = open.LocalOfficeId, Level = RoundLevel.Households, PoolBy = PoolBy.Community,
                Themes = new HashSet<Contests.Core.Programmes.Theme> { Contests.Core.Programmes.Theme.Forestry }, Scope = RoundScope.Everywhere,
            }, round.Officer, App.Clock.GetUtcNow().UtcDateTime);
            Assert.True(r!.SetRules(open.CurrentRules!.Rules, null, round.Officer, App.Clock.GetUtcNow().UtcDateTime).Succeeded);
            return db.Rounds.Add(r).Entity;
        });
        using var anonymous = App.NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/rounds/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/rounds/999")).StatusCode);
    }
}

public sealed class PublicRulesTestsOnSqlite(SqliteApp app) : PublicRulesTests<SqliteApp>(app);

public sealed class PublicRulesTestsOnPostgres(PostgresApp app) : PublicRulesTests<PostgresApp>(app);
