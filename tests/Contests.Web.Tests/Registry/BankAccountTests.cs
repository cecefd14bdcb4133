using System.Globalization;
using System.Net;
using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

public abstract class BankAccountTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly Cci Juanas = Cci.Compose("018", "251", "004401234567");
    private static readonly Cci Other = Cci.Compose("002", "193", "001234567890");

    private RegistryData Data => new(App);

    private static string Lima(DateTime utc) => LimaTime.FromUtc(utc).ToString("g", CultureInfo.GetCultureInfo("es-PE"));

    private static (string, string)[] Account(int householdId, string cci) =>
    [
        ("HolderKind", "Household"), ("HolderId", householdId.ToString(CultureInfo.InvariantCulture)),
        ("BankName", "Banco de la Nación"), ("AccountNumber", "04-251-440123"), ("Cci", cci), ("HolderName", "Juana Quispe Mamani"),
    ];

    private async Task<int> HouseholdAsync(string dni = "01234567", string firstNames = "Juana")
    {
        if (await Data.CountAsync<District>() == 0)
        {
            await Data.AddTerritoryAsync();
            await Data.AddCommunityAsync("Ccollpa");
        }
        var community = await Data.ReadAsync(db => db.Communities.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        return await Data.AddHouseholdAsync(community, firstNames, "Quispe Mamani", dni, "F");
    }

    private Task<BankAccount> AccountAsync(int id) => Data.ReadAsync(db => db.BankAccounts.SingleAsync(a => a.Id == id));

    private async Task VerifyDirectlyAsync(int id)
    {
        var finance = await Data.ReadAsync(db => db.Users.SingleAsync(u => u.UserName == TestUsers.Finance));
        await Data.WriteAsync(db =>
        {
            var account = db.BankAccounts.Single(a => a.Id == id);
            return account.Verify(finance.Id, finance.UserName, App.Clock.GetUtcNow().UtcDateTime);
        });
    }

    [Fact]
    public async Task Open_ForAHousehold_IsUnverified_AndSaysSo()
    {
        var household = await HouseholdAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/accounts/new?holder=Household&id={household}", "/registry/accounts/new",
            Account(household, Juanas.Formatted));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/registry/households/{household}", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync($"/registry/households/{household}"));
        Assert.Contains("Se agregó la cuenta; falta verificarla para que reciba pagos.", page);
        Assert.Contains($"{Juanas.Formatted} Juana Quispe Mamani Sin verificar: no recibe pagos", page);
        var account = await Data.ReadAsync(db => db.BankAccounts.SingleAsync());
        Assert.Equal((household, Juanas.Value, true, false), (account.HouseholdId!.Value, account.Cci, account.IsActive, account.IsVerified));
        Assert.Contains("Sin verificar: no recibe pagos", HtmlPage.Text(await officer.GetPageAsync("/registry/accounts?unverified=true")));
    }

    [Fact]
    public async Task Open_CciWithAWrongCheckDigit_SaysWhatItShouldBe_KeepsWhatWasTyped()
    {
        var household = await HouseholdAsync();
        var wrong = Juanas.Value[..19] + ((Juanas.Value[19] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/accounts/new?holder=Household&id={household}", "/registry/accounts/new",
            Account(household, wrong));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal($"El segundo dígito de control del CCI (posición 20) debería ser {Juanas.Value[19]}, no {wrong[19]}: revise el número de cuenta.",
            HtmlPage.ErrorOf(html, "Cci"));
        Assert.Equal(wrong, HtmlPage.InputValue(html, "Cci"));
        Assert.Equal("04-251-440123", HtmlPage.InputValue(html, "AccountNumber"));
        Assert.Equal(0, await Data.CountAsync<BankAccount>());
    }

    [Fact]
    public async Task Verify_ByAFinanceOfficer_RecordsWhoAndWhen()
    {
        var household = await HouseholdAsync();
        var id = await Data.AddAccountAsync(AccountHolderKind.Household, household, Juanas, "Juana Quispe Mamani");
        App.Clock.Advance(TimeSpan.FromHours(3));
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var response = await finance.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{id}/verify");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/registry/households/{household}", response.Headers.Location!.OriginalString);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var page = HtmlPage.Text(await finance.GetPageAsync($"/registry/households/{household}"));
        Assert.Contains("La cuenta quedó verificada.", page);
        Assert.Contains($"Verificada por t-finance el {Lima(now)}", page);
        var account = await AccountAsync(id);
        var financeId = await Data.ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Finance).Select(u => u.Id).SingleAsync());
        Assert.Equal((now, financeId, "t-finance"), (account.VerifiedUtc!.Value, account.VerifiedByUserId!.Value, account.VerifiedByName!));
        Assert.True(account.CanReceivePayments);
    }

    [Fact]
    public async Task Verify_FromTheListOfUnverified_GoesBackToThatList()
    {
        var household = await HouseholdAsync();
        var id = await Data.AddAccountAsync(AccountHolderKind.Household, household, Juanas, "Juana Quispe Mamani");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/accounts?unverified=true", $"/registry/accounts/{id}/verify", ("returnTo", "list"));

        Assert.Equal("/registry/accounts?unverified=True", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Juana Quispe Mamani", await officer.GetPageAsync("/registry/accounts?unverified=true"));
        Assert.True((await AccountAsync(id)).IsVerified);
    }

    [Fact]
    public async Task Edit_ChangingTheCci_WithdrawsTheVerification_ButSavingTheSameDetailsDoesNot()
    {
        var household = await HouseholdAsync();
        var id = await Data.AddAccountAsync(AccountHolderKind.Household, household, Juanas, "Juana Quispe Mamani");
        await VerifyDirectlyAsync(id);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var form = $"/registry/accounts/{id}/edit";

        var same = await officer.PostFormAsync(form, ("BankName", " Banco de la Nación "), ("AccountNumber", "04-251-123456"), ("Cci", Juanas.Formatted),
            ("HolderName", "Juana Quispe Mamani"));

        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Contains("Se guardó la cuenta.", await officer.GetPageAsync($"/registry/households/{household}"));
        Assert.True((await AccountAsync(id)).IsVerified);

        var changed = await officer.PostFormAsync(form, ("BankName", "Banco de la Nación"), ("AccountNumber", "04-251-123456"), ("Cci", Other.Value),
            ("HolderName", "Juana Quispe Mamani"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = HtmlPage.Text(await officer.GetPageAsync($"/registry/households/{household}"));
        Assert.Contains("Se guardó la cuenta. Como cambió lo que imprime el archivo del banco (titular, banco, número o CCI), hay que verificarla de nuevo.", page);
        Assert.Contains("Sin verificar: no recibe pagos", page);
        var account = await AccountAsync(id);
        Assert.Equal((Other.Value, (DateTime?)null, (int?)null, (string?)null), (account.Cci, account.VerifiedUtc, account.VerifiedByUserId, account.VerifiedByName));
    }

    [Theory]
    [InlineData("HolderName", "Rosa Quispe Mamani")]
    [InlineData("BankName", "BN")]
    public async Task Edit_ChangingTheHolderOrTheBank_WithdrawsTheVerification_Audited_AndTheEditorCannotReverify(string field, string value)
    {
        var household = await HouseholdAsync();
        var id = await Data.AddAccountAsync(AccountHolderKind.Household, household, Juanas, "Juana Quispe Mamani");
        await VerifyDirectlyAsync(id);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var fields = new Dictionary<string, string>
        {
            ["BankName"] = "Banco de la Nación", ["AccountNumber"] = "04-251-123456", ["Cci"] = Juanas.Value, ["HolderName"] = "Juana Quispe Mamani",
        };
        fields[field] = value;

        var response = await officer.PostFormAsync($"/registry/accounts/{id}/edit", [.. fields.Select(f => (f.Key, f.Value))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await AccountAsync(id);
        Assert.Equal((false, false), (account.IsVerified, account.CanReceivePayments));
        Assert.Equal(value, field == "HolderName" ? account.HolderName : account.BankName);
        var officerId = await Data.ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Officer).Select(u => u.Id).SingleAsync());
        Assert.Equal(officerId, account.EnteredByUserId);
        var audit = await Data.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == "BankAccount" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Actor == TestUsers.Officer)
            .SingleAsync());
        Assert.Equal("Modified", audit.Action);
        Assert.Contains("\"VerifiedUtc\":null", audit.After);
        Assert.Contains("\"VerifiedByName\":\"t-finance\"", audit.Before);
        Assert.Contains($"\"{field}\":", audit.After);

        var own = await officer.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{id}/verify");

        Assert.Contains("Usted registró este número de cuenta", HtmlPage.Text(await officer.GetPageAsync(own.Headers.Location!.OriginalString)));
        Assert.False((await AccountAsync(id)).IsVerified);
    }

    [Theory]
    [InlineData(TestUsers.Auditor)]
    [InlineData(TestUsers.Admin)]
    public async Task Verify_ByARoleThatMayNot_IsDenied_AndChangesNothing(string user)
    {
        var household = await HouseholdAsync();
        var id = await Data.AddAccountAsync(AccountHolderKind.Household, household, Juanas, "Juana Quispe Mamani");
        using var client = await App.SignedInClientAsync(user);

        var page = await client.GetPageAsync($"/registry/households/{household}");
        var response = await client.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{id}/verify");

        Assert.DoesNotContain($"action=\"/registry/accounts/{id}/verify\"", page); // not offered
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", Redirects.PathOf(response));
        Assert.False((await AccountAsync(id)).IsVerified);
    }

    [Fact]
    public async Task Open_CciActiveForAnotherHolder_IsRefused_UntilThatAccountIsDeactivated()
    {
        var first = await HouseholdAsync();
        var second = await HouseholdAsync("40111222", "Rosa");
        var taken = await Data.AddAccountAsync(AccountHolderKind.Household, first, Juanas, "Juana Quispe Mamani");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var form = $"/registry/accounts/new?holder=Household&id={second}";

        var refused = await officer.PostFormAsync(form, "/registry/accounts/new", Account(second, Juanas.Value));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Ese CCI ya está registrado como cuenta activa de «Juana Quispe Mamani».",
            HtmlPage.ErrorOf(await refused.Content.ReadAsStringAsync(), "Cci"));
        Assert.Equal(1, await Data.CountAsync<BankAccount>());

        await officer.PostFormAsync($"/registry/households/{first}", $"/registry/accounts/{taken}/deactivate");
        var opened = await officer.PostFormAsync(form, "/registry/accounts/new", Account(second, Juanas.Value));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.False((await AccountAsync(taken)).IsActive);
        Assert.Equal(2, await Data.CountAsync<BankAccount>());
    }

    [Fact]
    public async Task Verify_ByTheOfficerWhoTypedTheAccount_IsRefused_FinanceVerifiesIt()
    {
        var household = await HouseholdAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var opened = await officer.PostFormAsync($"/registry/accounts/new?holder=Household&id={household}", "/registry/accounts/new",
            Account(household, Juanas.Value));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = await Data.ReadAsync(db => db.BankAccounts.Select(a => a.Id).SingleAsync());
        var detail = await officer.GetPageAsync($"/registry/households/{household}");
        Assert.DoesNotContain($"action=\"/registry/accounts/{id}/verify\"", detail); // not offered to the typist

        var own = await officer.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{id}/verify");

        Assert.Contains("Usted registró este número de cuenta", HtmlPage.Text(await officer.GetPageAsync(own.Headers.Location!.OriginalString)));
        Assert.False((await AccountAsync(id)).IsVerified);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        await finance.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{id}/verify");
        Assert.True((await AccountAsync(id)).IsVerified);
    }

    [Fact]
    public async Task List_IsPaged_AndCountsEveryActiveAccount()
    {
        var household = await HouseholdAsync();
        for (var i = 0; i < 30; i++)
        {
            var account = Cci.Compose("018", "251", (400000000000L + i).ToString("D12", CultureInfo.InvariantCulture));
            await Data.AddAccountAsync(AccountHolderKind.Household, household, account, $"Titular {i:D2}");
        }
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var first = await finance.GetPageAsync("/registry/accounts");
        var second = await finance.GetPageAsync("/registry/accounts?page=2");

        Assert.Contains("30 cuentas", HtmlPage.Text(first));
        Assert.Equal(25, CountRows(first));
        Assert.Equal(5, CountRows(second));
        Assert.Contains("Titular 29", HtmlPage.Text(second));
    }

    private static int CountRows(string html) =>
        System.Text.RegularExpressions.Regex.Count(html, "<tr>\\s*<td data-label=");
}

public sealed class BankAccountTestsOnSqlite(SqliteApp app) : BankAccountTests<SqliteApp>(app);

public sealed class BankAccountTestsOnPostgres(PostgresApp app) : BankAccountTests<PostgresApp>(app);
