using System.Net;
using Contests.Core.Programmes;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Programme;

public abstract class ProgrammeTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    private static (string, string)[] Source(string committed, params (string, string)[] restrictions) =>
        [("Name", "Fondo concursable FIDA"), ("Kind", "ProjectLoanOrGrant"), ("Committed", committed), .. restrictions];

    private async Task<int> SourceAsync(AppClient officer, string committed = "10000.00", params (string, string)[] restrictions)
    {
        var response = await officer.PostFormAsync("/programme/funding/new", Source(committed, restrictions));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await Data.ReadAsync(db => db.FundingSources.Select(f => f.Id).SingleAsync());
        Assert.Equal($"/programme/funding/{id}", response.Headers.Location!.OriginalString);
        return id;
    }

    private static Task<HttpResponseMessage> AdjustAsync(AppClient officer, int id, string kind, string amount, string reason = "Premios del concurso 2025, pagados fuera del sistema") =>
        officer.PostFormAsync($"/programme/funding/{id}", $"/programme/funding/{id}/adjust", ("Kind", kind), ("Amount", amount), ("Reason", reason));

    /// <summary>The source's row on /programme: name, kind, committed, allocated, awarded, in process, paid, balance, restrictions.</summary>
    private static string Row(string programmePage) =>
        HtmlPage.SectionText(programmePage, "<a href=\"/programme/funding/", "</tr>");

    [Fact]
    public async Task Programme_NotSetUpYet_SendsTheOfficerToSetItUp_ThenShowsItWithItsOffices()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var first = await officer.GetAsync("/programme");
        var saved = await officer.PostFormAsync("/programme/edit", ("Name", "Sierra Sur II"), ("Funder", "FIDA"));
        var office = await officer.PostFormAsync("/programme", "/programme/offices", ("OfficeName", "Oficina Local Abancay"), ("City", "Abancay"),
            ("ChiefName", "Julio Céspedes Rojas"));

        Assert.Equal("/programme/edit", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, office.StatusCode);
        var page = HtmlPage.Text(await officer.GetPageAsync("/programme"));
        Assert.Contains("Sierra Sur II", page);
        Assert.Contains("FIDA", page);
        Assert.Contains("Oficina Local Abancay Abancay Julio Céspedes Rojas", page);
        Assert.Equal(1, await Data.CountAsync<LocalOffice>());
    }

    [Fact]
    public async Task Programme_RequiredFieldsMissing_SaysWhich_WritesNothing()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/programme/edit", ("Name", "Sierra Sur II"), ("Funder", ""));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Complete el campo «Financiador».", HtmlPage.ErrorOf(html, "Funder"));
        Assert.Equal("Sierra Sur II", HtmlPage.InputValue(html, "Name"));
        Assert.Equal(0, await Data.CountAsync<Core.Programmes.Programme>());
    }

    [Fact]
    public async Task Balance_IsCommittedLessAllocatedLessPaid_AfterManualAdjustments()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var id = await SourceAsync(officer);

        var allocated = await AdjustAsync(officer, id, "Allocated", "2500.50");
        var paid = await AdjustAsync(officer, id, "Paid", "1000");

        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(
            "Fondo concursable FIDA Préstamo o donación del proyecto S/ 10,000.00 S/ 2,500.50 S/ 0.00 S/ 0.00 S/ 1,000.00 S/ 6,499.50 Ninguna",
            Row(await officer.GetPageAsync("/programme")));
        var detail = await officer.GetPageAsync($"/programme/funding/{id}");
        Assert.Contains("<strong data-balance>S/ 6,499.50</strong>", detail);
        Assert.Contains("Asignado S/ 2,500.50 Premios del concurso 2025", HtmlPage.Text(detail));
        Assert.Contains("Pagado S/ 1,000.00 Premios del concurso 2025", HtmlPage.Text(detail));
        var source = await Data.ReadAsync(db => db.FundingSources.Include(f => f.Movements).SingleAsync());
        Assert.Equal((10000m, 2500.50m, 1000m, 6499.50m), (source.Committed, source.Allocated, source.Paid, source.Balance));
        var officerId = await Data.ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Officer).Select(u => u.Id).SingleAsync());
        Assert.All(source.Movements, m => Assert.Equal(officerId, m.UserId));
    }

    [Fact]
    public async Task Adjust_NegativeCorrection_GivesTheMoneyBack()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var id = await SourceAsync(officer);
        await AdjustAsync(officer, id, "Allocated", "2500.50");

        var corrected = await AdjustAsync(officer, id, "Allocated", "-500.50", "Corrección: el premio fue de S/ 2,000");

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Contains("<strong data-balance>S/ 8,000.00</strong>", await officer.GetPageAsync($"/programme/funding/{id}"));
    }

    [Fact]
    public async Task Adjust_MoreThanTheBalance_IsRefused_AndWritesNothing()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var id = await SourceAsync(officer);
        await AdjustAsync(officer, id, "Allocated", "2500.50");

        var response = await AdjustAsync(officer, id, "Paid", "7500");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El saldo no alcanza: quedan S/ 7,499.50.", HtmlPage.ErrorOf(html, "Amount"));
        Assert.Equal("7500", HtmlPage.InputValue(html, "Amount"));
        Assert.Contains("<strong data-balance>S/ 7,499.50</strong>", html);
        Assert.Equal(1, await Data.CountAsync<FundingMovement>());
    }

    [Fact]
    public async Task Amounts_WithADecimalComma_AreRefused_NeverReadAsThousands()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var create = await officer.PostFormAsync("/programme/funding/new", Source("10000,00"));
        var id = await SourceAsync(officer, "1,250.50");
        var adjust = await AdjustAsync(officer, id, "Allocated", "25,50");

        var createHtml = await create.Content.ReadAsStringAsync();
        Assert.Equal("En «10000,00» la coma no separa miles: use punto para los decimales (25.50).", HtmlPage.ErrorOf(createHtml, "Committed"));
        Assert.Equal("10000,00", HtmlPage.InputValue(createHtml, "Committed"));
        Assert.Equal("En «25,50» la coma no separa miles: use punto para los decimales (25.50).", HtmlPage.ErrorOf(await adjust.Content.ReadAsStringAsync(), "Amount"));
        Assert.Equal(1250.50m, (await Data.ReadAsync(db => db.FundingSources.SingleAsync())).Committed);
        Assert.Equal(0, await Data.CountAsync<FundingMovement>());
    }

    [Fact]
    public async Task Programme_NotSetUpYet_ReadOnlyRolesAreToldSo_NotSentToAFormTheyMayNotOpen()
    {
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        var html = await auditor.GetPageAsync("/programme");

        Assert.Contains("El programa aún no está configurado.", HtmlPage.Text(html));
    }

    [Fact]
    public async Task Amounts_WithThreeDecimals_AreRefused()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var create = await officer.PostFormAsync("/programme/funding/new", Source("10000.005"));
        var id = await SourceAsync(officer);
        var adjust = await AdjustAsync(officer, id, "Allocated", "100.125");

        Assert.Equal("Un monto en soles lleva como máximo 2 decimales.", HtmlPage.ErrorOf(await create.Content.ReadAsStringAsync(), "Committed"));
        Assert.Equal("Un monto en soles lleva como máximo 2 decimales.", HtmlPage.ErrorOf(await adjust.Content.ReadAsStringAsync(), "Amount"));
        Assert.Equal(1, await Data.CountAsync<FundingSource>());
        Assert.Equal(0, await Data.CountAsync<FundingMovement>());
    }

    [Fact]
    public async Task Restrictions_ToThemesAndDistricts_AreSaved_AndShown()
    {
        await Data.AddProgrammeAsync();
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var id = await SourceAsync(officer, "5000", ("Themes", "Irrigation"), ("Themes", "Terraces"), ("Districts", RegistryData.Tamburco));

        var detail = HtmlPage.Text(await officer.GetPageAsync($"/programme/funding/{id}"));
        Assert.Contains("Solo para estos distritos Tamburco", detail);
        Assert.Contains("Riego", detail);
        Assert.Contains("Andenes y terrazas", detail);
        var row = Row(await officer.GetPageAsync("/programme"));
        Assert.Contains("Riego", row);
        Assert.Contains("Andenes y terrazas", row);
        Assert.EndsWith("1 distritos", row);
        var source = await Data.ReadAsync(db => db.FundingSources.Include(f => f.Themes).Include(f => f.Districts).SingleAsync());
        Assert.Equal([Theme.Terraces, Theme.Irrigation], source.Themes.Select(t => t.Theme).Order());
        Assert.Equal(RegistryData.Tamburco, Assert.Single(source.Districts).Ubigeo);
        Assert.True(source.Allows(Theme.Irrigation, RegistryData.Tamburco));
        Assert.False(source.Allows(Theme.Irrigation, RegistryData.Abancay));
    }

    [Fact]
    public async Task Restrictions_ToADistrictNotInTheTerritory_AreRefused()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/programme/funding/new", Source("5000", ("Districts", "030102")));

        Assert.Equal("El distrito 030102 no está en el territorio registrado; agréguelo primero en Territorio.",
            HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "Districts"));
        Assert.Equal(0, await Data.CountAsync<FundingSource>());
    }

    [Fact]
    public async Task Edit_CommittingLessThanAlreadyUsed_IsRefused()
    {
        await Data.AddProgrammeAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var id = await SourceAsync(officer);
        await AdjustAsync(officer, id, "Allocated", "2500.50");

        var response = await officer.PostFormAsync($"/programme/funding/{id}/edit", Source("2000"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El monto comprometido no puede ser menor que lo ya asignado y pagado (S/ 2,500.50).", HtmlPage.ErrorOf(html, "Committed"));
        Assert.Equal("2000", HtmlPage.InputValue(html, "Committed"));
        Assert.Equal(10000m, (await Data.ReadAsync(db => db.FundingSources.SingleAsync())).Committed);
    }
}

public sealed class ProgrammeTestsOnSqlite(SqliteApp app) : ProgrammeTests<SqliteApp>(app);

public sealed class ProgrammeTestsOnPostgres(PostgresApp app) : ProgrammeTests<PostgresApp>(app);
