using System.Net;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Review;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.InputHygiene;

/// <summary>
/// Text that used to break things, screen by screen: control characters and direction
/// overrides refused naming the field, emoji never a 500 and refused in names, 29-digit amounts "too large",
/// impossible dates refused — and in every case nothing written.
/// </summary>
public abstract class InputScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    [Theory]
    [InlineData("/registry/households?q=%F0%9F%98%80")]
    [InlineData("/registry/communities?q=%F0%9F%98%80")]
    [InlineData("/registry/organizations?q=%F0%9F%98%80")]
    [InlineData("/registry/households?q=N%CC%83aupari%20%F0%9F%98%80")]
    [InlineData("/rounds/1/entries/new?q=%F0%9F%98%80")]
    public async Task Search_WithEmoji_AnswersThePage_NotA500(string url)
    {
        await OpenRound.SeedAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_WithNul_Is400NamingTheField()
    {
        await OpenRound.SeedAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync("/registry/households?q=Ro%00sa");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0000", HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "q"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rosa 😀")]
    [InlineData("Rosa ☀")]
    [InlineData("Rosa2")]
    public async Task Household_NameWithEmojiOrSymbols_RefusedOnTheField_NothingWritten(string name)
    {
        var community = await SeedCommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await AuditsAsync();

        var html = await HtmlAsync(await officer.PostFormAsync("/registry/households/new", HouseholdFields(community, name)), HttpStatusCode.OK);

        Assert.Equal("«Nombres» lleva solo letras, espacios, apóstrofos y guiones.", HtmlPage.ErrorOf(html, "HeadFirstNames"));
        Assert.Equal(name, HtmlPage.InputValue(html, "HeadFirstNames"));
        Assert.Equal(0, await Data.CountAsync<Household>());
        Assert.Equal(audits, await AuditsAsync());
    }

    [Fact]
    public async Task Household_PeruvianNames_DecomposedAccentsComposed_AreRegistered()
    {
        var community = await SeedCommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", HouseholdFields(community, "Mari\u0301a D'A\u0301ngela"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await Data.ReadAsync(db => db.Households.SingleAsync());
        Assert.Equal("María D'Ángela", household.HeadFirstNames);
    }

    [Theory]
    [InlineData("Ro\0sa", "U+0000")]
    [InlineData("Ro\u202Esa", "U+202E")]
    [InlineData("Ro\u0085sa", "U+0085")]
    public async Task Household_ControlOrDirectionCharacter_Is400NamingTheFieldAndTheCharacter_NothingWritten(string name, string character)
    {
        var community = await SeedCommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await AuditsAsync();

        var html = await HtmlAsync(await officer.PostFormAsync("/registry/households/new", HouseholdFields(community, name)), HttpStatusCode.BadRequest);

        var message = HtmlPage.ErrorOf(html, "HeadFirstNames");
        Assert.Contains("«Nombres»", message, StringComparison.Ordinal);
        Assert.Contains(character, message, StringComparison.Ordinal);
        Assert.Equal(0, await Data.CountAsync<Household>());
        Assert.Equal(audits, await AuditsAsync());
    }

    [Fact]
    public async Task BankAccount_NulInHolderName_PostedAsMultipart_Is400_NothingWritten()
    {
        var community = await SeedCommunityAsync();
        var household = await Data.AddHouseholdAsync(community, "Rosa", "Quispe Mamani", "41234567", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = await officer.GetPageAsync($"/registry/accounts/new?holder=Household&id={household}");
        var audits = await AuditsAsync();
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AppClient.Token(page)), "__RequestVerificationToken" },
            { new StringContent("Household"), "HolderKind" },
            { new StringContent(household.ToString(System.Globalization.CultureInfo.InvariantCulture)), "HolderId" },
            { new StringContent("Banco de la Nación"), "BankName" },
            { new StringContent("04-251-123456"), "AccountNumber" },
            { new StringContent(Cci.Compose("018", "251", "004401234567").Value), "Cci" },
            { new StringContent("Ro\0sa Quispe"), "HolderName" },
        };

        var response = await officer.Http.PostAsync(new Uri("/registry/accounts/new", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0000", HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "HolderName"), StringComparison.Ordinal);
        Assert.Equal(0, await Data.CountAsync<BankAccount>());
        Assert.Equal(audits, await AuditsAsync());
    }

    [Theory]
    [InlineData("Ro\0sa")]
    [InlineData("admin\0")]
    public async Task Login_WithNul_Is400NamingTheField_NotA404(string userName)
    {
        using var anonymous = App.NewClient();

        var response = await anonymous.PostFormAsync("/account/login", ("UserName", userName), ("Password", "x\0y"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(HtmlPage.ErrorOf(html, "UserName"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "Password"));
    }

    [Theory]
    [InlineData("12345678901234567890123456789")]
    [InlineData("99999999999999999999999999999.99")]
    [InlineData("1,000,000,000,000.00")]
    public async Task FundingSource_HugeAmount_IsTooLargeOnTheField_NothingWritten(string committed)
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await AuditsAsync();

        var html = await HtmlAsync(await officer.PostFormAsync("/programme/funding/new",
            ("Name", "Préstamo FIDA"), ("Kind", "Loan"), ("Committed", committed)), HttpStatusCode.OK);

        Assert.Equal("El monto es demasiado grande: como máximo S/ 999,999,999,999.99.", HtmlPage.ErrorOf(html, "Committed"));
        Assert.Equal(committed, HtmlPage.InputValue(html, "Committed"));
        Assert.Equal(audits, await AuditsAsync());
    }

    [Theory]
    [InlineData("0001-01-01T08:30")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("2028-01-01T08:30")]
    public async Task LracSession_ImpossibleDate_RefusedOnTheField_NoActa(string held)
    {
        var round = await new ReviewData(App).InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = $"/rounds/{Id(round.Id)}/session";

        var html = await HtmlAsync(await officer.PostFormAsync(page, page, ("Session.Held", held), ("Session.Place", ReviewData.Place)),
            (HttpStatusCode)422);

        Assert.Equal("«Fecha y hora de la sesión» debe estar entre el 1/01/2025 y el 23/11/2027.", HtmlPage.ErrorOf(html, "Session.Held"));
        Assert.Null(await new ReviewData(App).ActaAsync(round.Id));
    }

    [Fact]
    public async Task Import_Households_NulAndDirectionOverride_ReportedByRowAndColumn_EmojiNameRefused_NothingWritten()
    {
        var communityId = await ImportKit.SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var rows = Enumerable.Range(0, 4).Select(ImportKit.GeneratedHousehold).ToArray();
        var first = ImportLayouts.Households.ToList().FindIndex(c => c.Field == "HeadFirstNames");
        rows[0][first] = "Ro\0sa";
        rows[1][first] = "Ro\u202Esa";
        var before = await ImportKit.CountsAsync(App);

        var (_, problems) = await ImportKit.RefusedAsync(officer, ImportKind.Households, ImportKit.Utf8(ImportKit.HouseholdsCsv(rows)), "familias.csv");

        var column = ImportLayouts.HeaderOf(ImportKind.Households, "HeadFirstNames");
        Assert.Equal([(2, column), (3, column)], problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("U+0000", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("U+202E", problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(before, await ImportKit.CountsAsync(App));

        rows[0][first] = "Juana";
        rows[1][first] = "Rosa 😀";
        (_, problems) = await ImportKit.RefusedAsync(officer, ImportKind.Households, ImportKit.Utf8(ImportKit.HouseholdsCsv(rows)), "familias.csv");

        var emoji = Assert.Single(problems);
        Assert.Equal((3, column), (emoji.Row, emoji.Column));
        Assert.Contains("apóstrofos", emoji.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ImportKit.CountsAsync(App));
        Assert.True(communityId > 0);
    }

    [Fact]
    public async Task Payout_HolderNameTheBankXmlCannotPrint_RefusedAtApproval_TheOtherPayoutIsApproved()
    {
        var data = new Payouts.PayoutData(App);
        var round = await data.FinalAsync(pedroVerified: true);
        // Typed before the edge refused control characters (PostgreSQL keeps U+0001, not NUL).
        await Data.WriteAsync(db => db.Database.ExecuteSqlRaw("UPDATE bank_accounts SET holder_name = {0} WHERE holder_name = {1}",
            "Juana\u0001Quispe", "Juana Quispe Mamani"));
        var payouts = await data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var page = $"/rounds/{Id(round.Id)}/payouts";

        var html = await HtmlAsync(await finance.PostFormAsync(page, page + "/approve", [.. payouts.Select(p => ("selected", Id(p.Id)))]),
            HttpStatusCode.UnprocessableEntity);

        var message = Assert.Single(Summary(html));
        Assert.Contains("no se puede aprobar", message, StringComparison.Ordinal);
        Assert.Contains(Payouts.PayoutData.JuanasCci.Value, message, StringComparison.Ordinal);
        Assert.All(await data.PayoutsAsync(round.Id), p => Assert.Equal(Core.Payouts.PayoutState.Pending, p.State));
        var pedro = payouts.Single(p => p.BeneficiaryName.Contains("Pedro", StringComparison.Ordinal));
        await RedirectsToAsync(await finance.PostFormAsync(page, page + "/approve", ("selected", Id(pedro.Id))), page);
        Assert.Equal(Core.Payouts.PayoutState.Approved, (await data.PayoutsAsync(round.Id)).Single(p => p.Id == pedro.Id).State);
    }

    private Task<int> AuditsAsync() => Data.ReadAsync(db => db.AuditRecords.CountAsync());

    private async Task<int> SeedCommunityAsync()
    {
        await Data.AddTerritoryAsync();
        return await Data.AddCommunityAsync("Huayllabamba");
    }

    private static (string, string)[] HouseholdFields(int community, string firstNames) =>
    [
        ("CommunityId", community.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("HeadFirstNames", firstNames),
        ("HeadLastNames", "Quispe Mamani"), ("HeadDni", "41234567"), ("HeadSex", "F"), ("HeadBirthYear", "1980"), ("Members", "3"),
    ];
}

public sealed class InputScreensTestsOnSqlite(SqliteApp app) : InputScreensTests<SqliteApp>(app);

public sealed class InputScreensTestsOnPostgres(PostgresApp app) : InputScreensTests<PostgresApp>(app);
