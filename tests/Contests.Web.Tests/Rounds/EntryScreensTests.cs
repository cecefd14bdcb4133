using System.Net;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>Registering competitors in a round (who may enter, and why not), and taking them out.</summary>
public abstract class EntryScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string NotInScope = "No está en el ámbito del concurso (distritos, comunidades o microcuencas).";
    private const string AlreadyEntered = "Ya está inscrito en este concurso.";

    private RoundData Data => new(App);

    /// <summary>A household round in Abancay only (Juana and Pedro are in; María, in Tamburco, is not).</summary>
    private async Task<(RoundWorld World, int Round)> AbancayRoundAsync(RoundPhase phase = RoundPhase.Open)
    {
        var world = await Data.WorldAsync();
        return (world, await Data.RoundAsync(world, phase, districts: [RegistryData.Abancay]));
    }

    private static Task<HttpResponseMessage> RegisterAsync(AppClient officer, int round, string q, params (string, string)[] fields) =>
        officer.PostFormAsync($"/rounds/{round}/entries/new?q={q}", $"/rounds/{round}/entries/new?q={q}", fields);

    private static Task<HttpResponseMessage> LeaveAsync(AppClient officer, int round, int entry, string how, string reason) =>
        officer.PostFormAsync($"/rounds/{round}/entries/{entry}", $"/rounds/{round}/entries/{entry}/{how}", ("Reason", reason));

    /// <summary>The candidates' rows of the registration search: name, place, and what the row offers (or why not).</summary>
    private static List<string> Candidates(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr>\\s*<td data-label=\"Participante\">(.*?)</tr>",
                System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1))
            .Select(m => HtmlPage.Text(m.Groups[1].Value))];

    [Fact]
    public async Task Search_ListsCandidates_WithWhySomeCannotEnter()
    {
        var (world, round) = await AbancayRoundAsync();
        await Data.EnterHouseholdAsync(round, world.Pedro);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=ccori");
        var juana = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=01234567");

        // Those the round covers first, then the rest, each by name.
        Assert.Equal(
        [
            $"Huamán Ccori, Pedro Ccollpa, Abancay {AlreadyEntered}",
            $"Ccori Layme, María Mujer Villa Ampay, Tamburco {NotInScope}",
        ], Candidates(html));
        Assert.DoesNotContain("name=\"CompetitorId\"", html);
        Assert.Equal(["Quispe Mamani, Juana Mujer Ccollpa, Abancay Inscribir"], Candidates(juana));
        Assert.Contains($"<input type=\"hidden\" name=\"CompetitorId\" value=\"{world.Juana}\">", juana);
        Assert.Contains("Nadie coincide con «Mamani Quispe Rosa».", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/entries/new?q=Mamani%20Quispe%20Rosa")));
    }

    [Fact]
    public async Task Register_AHousehold_GivesItTheNextNumber_InItsCommunitysPool()
    {
        var (world, round) = await AbancayRoundAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana)));

        await RedirectsToAsync(response, $"/rounds/{round}/entries/new?q=quispe");
        var page = await officer.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Quispe Mamani, Juana inscrito con el N.º 1 en el ámbito «Ccollpa».", Flash(page));
        Assert.Equal([$"Quispe Mamani, Juana Mujer Ccollpa, Abancay {AlreadyEntered}"], Candidates(page));
        var entry = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Equal((1, world.Juana, world.Ccollpa, "C:" + Id(world.Ccollpa), "Ccollpa", "030101", true, EntryStatus.Registered),
            (entry.Number, entry.HouseholdId, entry.CommunityId, entry.PoolKey, entry.PoolName, entry.DistrictUbigeo, entry.Women, entry.Status));
        Assert.Equal((App.Clock.GetUtcNow().UtcDateTime, await Data.UserIdAsync()), (entry.RegisteredUtc, entry.RegisteredByUserId));

        await RedirectsToAsync(await RegisterAsync(officer, round, "huaman", ("CompetitorId", Id(world.Pedro))), $"/rounds/{round}/entries/new?q=huaman");
        Assert.Equal("Huamán Ccori, Pedro inscrito con el N.º 2 en el ámbito «Ccollpa».", Flash(await officer.GetPageAsync($"/rounds/{round}/entries/new?q=huaman")));
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("Ccollpa 2 1 2 0", Row(dashboard, "Ccollpa"));
        Assert.Contains("2 Inscritos", HtmlPage.Text(dashboard));
    }

    [Fact]
    public async Task Register_AHousehold_FixesWhoItWasAtEntry_ForTheIndicators()
    {
        var (world, round) = await AbancayRoundAsync();
        await Data.Registry.WriteAsync(db => { db.Households.Single(h => h.Id == world.Juana).SetProfile(MotherTongue.Quechua, EducationLevel.Primary); return 0; });
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana))), $"/rounds/{round}/entries/new?q=quispe");
        // The registry changes after the entry: the entry keeps the facts it had.
        await Data.Registry.WriteAsync(db => { db.Households.Single(h => h.Id == world.Juana).SetProfile(MotherTongue.Spanish, null); return 0; });

        var facts = Assert.Single(await Data.ReadEntriesAsync(round)).Facts;
        var age = Contests.Core.Common.LimaTime.FromUtc(App.Clock.GetUtcNow().UtcDateTime).Year - 1978;
        Assert.Equal(new Contests.Core.Monitoring.ParticipantFacts(Sex.Female, age, true, MotherTongue.Quechua, EducationLevel.Primary, 1), facts);
    }

    [Fact]
    public async Task Register_TheSameHouseholdTwice_IsRefused()
    {
        var (world, round) = await AbancayRoundAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana))), $"/rounds/{round}/entries/new?q=quispe");

        // The page of an officer who searched before the first registration still offers the button.
        var response = await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana)));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal([AlreadyEntered], Summary(html));
        Assert.Single(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Register_AHouseholdOutsideTheRoundsScope_IsRefused()
    {
        var (world, round) = await AbancayRoundAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await RegisterAsync(officer, round, "ccori", ("CompetitorId", Id(world.Maria)));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal([NotInScope], Summary(html));
        Assert.Empty(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Register_WhileTheRoundIsNotOpen_IsRefused()
    {
        var (world, round) = await AbancayRoundAsync(RoundPhase.Draft);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var page = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=quispe");
        var response = await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana)));

        Assert.Equal("La inscripción está cerrada: el concurso está en fase «Borrador».", FlashError(page));
        Assert.DoesNotContain("name=\"CompetitorId\"", page);
        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["La inscripción está cerrada: el concurso está en fase «Borrador»."], Summary(html));
        Assert.Empty(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Entry_KeepsTheCommunityItEnteredFor_AfterTheHouseholdMoves()
    {
        var (world, round) = await AbancayRoundAsync();
        using (var registering = await App.SignedInClientAsync(TestUsers.Officer))
        {
            await RedirectsToAsync(await RegisterAsync(registering, round, "quispe", ("CompetitorId", Id(world.Juana))), $"/rounds/{round}/entries/new?q=quispe");
        }
        App.Clock.Advance(TimeSpan.FromDays(10)); // the move comes later (and the sign-in above has expired by then)
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var moved = await officer.PostFormAsync($"/registry/households/{world.Juana}", $"/registry/households/{world.Juana}/move",
            ("communityId", Id(world.Ampay)));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(world.Ampay, await Data.Registry.ReadAsync(db => db.Households.Where(h => h.Id == world.Juana).Select(h => h.CommunityId).SingleAsync()));
        var entry = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Equal((world.Ccollpa, "Ccollpa", "030101"), (entry.CommunityId, entry.PoolName, entry.DistrictUbigeo));
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("Ccollpa 1 1 1 0", Row(dashboard, "Ccollpa"));
        Assert.Null(Row(dashboard, "Villa Ampay"));
        Assert.Contains("Ccollpa", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/entries/{entry.Id}")));
        // Now in Tamburco: outside the round's scope, and entered already.
        Assert.Equal([$"Quispe Mamani, Juana Mujer Villa Ampay, Tamburco {NotInScope} {AlreadyEntered}"],
            Candidates(await officer.GetPageAsync($"/rounds/{round}/entries/new?q=quispe")));
    }

    /// <summary>A business-plan round (co-financing, counterpart at least 20 %) open everywhere, and a women's group in Abancay.</summary>
    private async Task<(RoundWorld World, int Round, int Organization)> PlanRoundAsync()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open, rules: RoundData.PlanRules(world.SourceId), level: RoundLevel.Organizations,
            pools: PoolBy.OnePool, themes: [Theme.BusinessPlans], name: "Concurso de planes de negocio 2026");
        var organization = await Data.Registry.AddOrganizationAsync("Asociación de Mujeres Warmi Ayllu");
        return (world, round, organization);
    }

    [Fact]
    public async Task Plan_WithoutTitleCostOrCounterpart_IsRefused_SayingWhatIsMissing()
    {
        var (_, round, organization) = await PlanRoundAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await RegisterAsync(officer, round, "warmi", ("CompetitorId", Id(organization)), ("PlanTitle", " "), ("PlanCost", ""), ("Counterpart", ""));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        var messages = Summary(html);
        Assert.Contains("Complete el campo «Nombre del plan».", messages);
        Assert.Contains("Complete el campo «Costo del plan (S/)».", messages);
        Assert.Contains("Complete el campo «Contrapartida (S/)».", messages);
        Assert.Empty(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Plan_CounterpartBelowTheRoundsMinimum_IsRefused_WithTheAmountNeeded_KeepingWhatWasTyped()
    {
        var (_, round, organization) = await PlanRoundAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await RegisterAsync(officer, round, "warmi", ("CompetitorId", Id(organization)),
            ("PlanTitle", "Crianza de cuyes mejorados"), ("PlanCost", "10000.00"), ("Counterpart", "1500.00"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["La contrapartida debe ser al menos el 20 % del costo: S/ 2,000.00."], Summary(html));
        Assert.Equal("Crianza de cuyes mejorados", HtmlPage.InputValue(html, "PlanTitle"));
        Assert.Equal("1500.00", HtmlPage.InputValue(html, "Counterpart"));
        Assert.Empty(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Organization_WithoutAVerifiedAccount_Registers_ButIsFlagged()
    {
        var (_, round, organization) = await PlanRoundAsync();
        var verified = await Data.Registry.AddOrganizationAsync("Asociación de Productores Ccollpa", ruc: null);
        var account = await Data.Registry.AddAccountAsync(AccountHolderKind.Organization, verified, Cci.Compose("018", "251", "004401234567"),
            "Asociación de Productores Ccollpa");
        var financeId = await Data.UserIdAsync(TestUsers.Finance);
        await Data.Registry.WriteAsync(db => db.BankAccounts.Single(a => a.Id == account).Verify(financeId, TestUsers.Finance, App.Clock.GetUtcNow().UtcDateTime));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var search = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=asociacion");

        var flagged = await RegisterAsync(officer, round, "asociacion", ("CompetitorId", Id(organization)),
            ("PlanTitle", "Crianza de cuyes mejorados"), ("PlanCost", "10000.00"), ("Counterpart", "2000.00"));
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=asociacion");
        var clean = await RegisterAsync(officer, round, "asociacion", ("CompetitorId", Id(verified)),
            ("PlanTitle", "Queso andino"), ("PlanCost", "8000.00"), ("Counterpart", "1600.00"));

        const string NoAccount = "Sin cuenta bancaria verificada: puede inscribirse, pero no se le podrá pagar hasta verificar una.";
        Assert.StartsWith("Asociación de Mujeres Warmi Ayllu Mujer Abancay", Assert.Single(Candidates(search), c => c.Contains(NoAccount, StringComparison.Ordinal)));
        Assert.Equal(2, Candidates(search).Count);
        await RedirectsToAsync(flagged, $"/rounds/{round}/entries/new?q=asociacion");
        Assert.Equal($"Asociación de Mujeres Warmi Ayllu inscrito con el N.º 1 en el ámbito «Concurso de planes de negocio 2026». {NoAccount}", Flash(page));
        await RedirectsToAsync(clean, $"/rounds/{round}/entries/new?q=asociacion");
        var entries = await Data.ReadEntriesAsync(round);
        Assert.Equal([(organization, true, "Crianza de cuyes mejorados", 10000m, 2000m), (verified, false, "Queso andino", 8000m, 1600m)],
            entries.Select(e => ((int)e.OrganizationId!, e.NoVerifiedAccount, e.PlanTitle!, (decimal)e.PlanCost!, (decimal)e.Counterpart!)));
        var list = await officer.GetPageAsync($"/rounds/{round}/entries");
        Assert.Contains("Asociación de Mujeres Warmi Ayllu Mujer Sin cuenta verificada", HtmlPage.Text(list));
        Assert.Contains("Asociación de Productores Ccollpa Mujer Concurso de planes", HtmlPage.Text(list));
        Assert.Contains("Sin cuenta verificada", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/entries/{entries[0].Id}")));
    }

    [Fact]
    public async Task Organization_WhosePlanWasRejectedTwice_IsRefused()
    {
        var (world, round, organization) = await PlanRoundAsync();
        foreach (var year in new[] { 2024, 2025 })
        {
            var earlier = await Data.RoundAsync(world, RoundPhase.Closed, rules: RoundData.PlanRules(world.SourceId), level: RoundLevel.Organizations,
                pools: PoolBy.OnePool, themes: [Theme.BusinessPlans], name: $"Concurso de planes de negocio {year}");
            await Data.EnterPlanAsync(earlier, organization, PlanOutcome.NotApproved);
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var search = await officer.GetPageAsync($"/rounds/{round}/entries/new?q=warmi");
        var response = await RegisterAsync(officer, round, "warmi", ("CompetitorId", Id(organization)),
            ("PlanTitle", "Crianza de cuyes mejorados"), ("PlanCost", "10000.00"), ("Counterpart", "2000.00"));

        const string RejectedTwice = "Este plan ya fue desaprobado 2 veces: no se puede presentar otra vez.";
        Assert.Contains(RejectedTwice, Assert.Single(Candidates(search)));
        Assert.DoesNotContain("name=\"CompetitorId\"", search);
        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal([RejectedTwice], Summary(html));
        Assert.Empty(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Organization_WithOneRejectionAndOneApproval_MayPresentAgain()
    {
        var (world, round, organization) = await PlanRoundAsync();
        foreach (var (year, outcome) in new[] { (2024, PlanOutcome.NotApproved), (2025, PlanOutcome.Approved) })
        {
            var earlier = await Data.RoundAsync(world, RoundPhase.Closed, rules: RoundData.PlanRules(world.SourceId), level: RoundLevel.Organizations,
                pools: PoolBy.OnePool, themes: [Theme.BusinessPlans], name: $"Concurso de planes de negocio {year}");
            await Data.EnterPlanAsync(earlier, organization, outcome);
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await RegisterAsync(officer, round, "warmi", ("CompetitorId", Id(organization)),
            ("PlanTitle", "Crianza de cuyes mejorados"), ("PlanCost", "10000.00"), ("Counterpart", "2000.00"));

        await RedirectsToAsync(response, $"/rounds/{round}/entries/new?q=warmi");
        Assert.Single(await Data.ReadEntriesAsync(round));
    }

    [Fact]
    public async Task Withdraw_WithoutAReason_IsRefused_NextToTheReason()
    {
        var (world, round) = await AbancayRoundAsync();
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var withdraw = await LeaveAsync(officer, round, entry, "withdraw", "  ");
        var disqualify = await LeaveAsync(officer, round, entry, "disqualify", "");

        var html = await HtmlAsync(withdraw, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Indique el motivo.", HtmlPage.ErrorOf(html, "Reason"));
        Assert.Equal("Indique el motivo.", HtmlPage.ErrorOf(await HtmlAsync(disqualify, HttpStatusCode.UnprocessableEntity), "Reason"));
        var saved = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Equal((EntryStatus.Registered, (string?)null), (saved.Status, saved.StatusReason));
    }

    [Fact]
    public async Task Withdraw_WithAReason_ShowsWhy_AndTheHouseholdMayRegisterAgain()
    {
        var (world, round) = await AbancayRoundAsync();
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await LeaveAsync(officer, round, entry, "withdraw", "La familia migró temporalmente a la costa.");

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Equal("Quispe Mamani, Juana fue retirado del concurso.", Flash(page));
        Assert.Contains("Estado Retirado — La familia migró temporalmente a la costa.", HtmlPage.Text(page));
        Assert.DoesNotContain("/withdraw\"", page);
        var saved = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Equal((EntryStatus.Withdrawn, "La familia migró temporalmente a la costa.", (int?)await Data.UserIdAsync()),
            (saved.Status, saved.StatusReason, saved.StatusChangedByUserId));
        Assert.Equal("Ccollpa 0 0 ✓ 1", Row(await officer.GetPageAsync($"/rounds/{round}"), "Ccollpa"));
        var audit = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Entry" && a.Action == "Modified" && a.EntityId == Id(entry)));
        Assert.Equal(TestUsers.Officer, audit.Actor);
        Assert.Contains("\"Status\":\"Withdrawn\"", audit.After);
        Assert.Contains("\"StatusReason\":\"La familia migró temporalmente a la costa.\"", audit.After);

        var again = await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana)));

        await RedirectsToAsync(again, $"/rounds/{round}/entries/new?q=quispe");
        Assert.Equal("Quispe Mamani, Juana inscrito con el N.º 2 en el ámbito «Ccollpa».", Flash(await officer.GetPageAsync($"/rounds/{round}/entries/new?q=quispe")));
        Assert.Equal([(1, EntryStatus.Withdrawn), (2, EntryStatus.Registered)], (await Data.ReadEntriesAsync(round)).Select(e => (e.Number, e.Status)));
        Assert.Contains("1 inscritos; 1 retirados o descalificados.", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/entries")));
    }

    [Fact]
    public async Task Withdraw_DuringTheClarsReview_IsRefused()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Review);
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await LeaveAsync(officer, round, entry, "withdraw", "Ya no quiere seguir.");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(EntryStatus.Registered, Assert.Single(await Data.ReadEntriesAsync(round)).Status);
    }

    [Fact]
    public async Task Withdraw_DuringTheClarsReview_SaysWhy()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Review);
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await LeaveAsync(officer, round, entry, "withdraw", "Ya no quiere seguir.");

        Assert.Contains("No se puede hacer «Retirado» en la fase «Revisión del CLAR».", HtmlPage.Text(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Disqualify_WithAReason_ShowsWhy_AndTheHouseholdMayNotRegisterAgain()
    {
        var (world, round) = await AbancayRoundAsync();
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await LeaveAsync(officer, round, entry, "disqualify", "Presentó obras de otra familia como propias.");

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Equal("Quispe Mamani, Juana fue descalificado.", Flash(page));
        Assert.Contains("Estado Descalificado — Presentó obras de otra familia como propias.", HtmlPage.Text(page));
        Assert.Equal(EntryStatus.Disqualified, Assert.Single(await Data.ReadEntriesAsync(round)).Status);

        var again = await RegisterAsync(officer, round, "quispe", ("CompetitorId", Id(world.Juana)));

        Assert.Equal([AlreadyEntered], Summary(await HtmlAsync(again, HttpStatusCode.UnprocessableEntity)));
        Assert.Single(await Data.ReadEntriesAsync(round));
    }
}

public sealed class EntryScreensTestsOnSqlite(SqliteApp app) : EntryScreensTests<SqliteApp>(app);

public sealed class EntryScreensTestsOnPostgres(PostgresApp app) : EntryScreensTests<PostgresApp>(app);
