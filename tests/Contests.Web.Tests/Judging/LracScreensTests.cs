using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Accounts;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>The round's LRAC (CLAR) as the officer keeps it: members, each with their own account, and their edits.</summary>
public abstract partial class LracScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string NewDni = "44038615";
    private const string NewName = "Teófilo Mamani Ccoa";

    private JudgingData Data => new(App);

    private static Task<HttpResponseMessage> AddAsync(AppClient officer, int round, params (string, string)[] fields) =>
        officer.PostFormAsync($"/rounds/{Id(round)}/lrac", fields);

    /// <summary>The add form as the officer fills it for a member from another institution who scores in the field.</summary>
    private static (string, string)[] Member(string name = NewName, string dni = NewDni, string role = "Member", bool field = true, bool publicJuror = false)
    {
        List<(string, string)> fields =
        [
            ("FullName", name), ("Dni", dni), ("Role", role), ("Affiliation", "Other"), ("CommunityId", ""), ("OrganizationId", ""),
            ("AffiliationName", "Gobierno Regional de Apurímac"),
        ];
        if (field)
        {
            fields.Add(("FieldJuror", "true"));
        }
        if (publicJuror)
        {
            fields.Add(("PublicJuror", "true"));
        }
        return [.. fields];
    }

    private Task<int> MembersAsync(int round) => Data.Registry.ReadAsync(db => db.LracMembers.CountAsync(m => m.RoundId == round));

    private Task<bool> AccountExistsAsync(string userName) => Data.Registry.ReadAsync(db => db.Users.AnyAsync(u => u.UserName == userName));

    [GeneratedRegex("<strong class=\"secret\">([^<]+)</strong>")]
    private static partial Regex Secret();

    [Fact]
    public async Task AddMember_CreatesTheMemberAndTheirAccount_AndShowsTheOneTimePasswordOnce()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.Contains("Miembros con voto: 3. Quórum: 2 (más de la mitad; los observadores no cuentan).",
            HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round.Id}/lrac")));

        var response = await AddAsync(officer, round.Id, Member(publicJuror: true));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl!.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        var password = Secret().Match(html).Groups[1].Value;
        Assert.Matches("^[abcdefghjkmnpqrstuvwxyz23456789]{12}$", password);
        var text = HtmlPage.Text(html);
        Assert.Contains($"Miembro agregado. Su usuario es clar.{NewDni}. Contraseña para entregarle (se muestra solo esta vez): {password}", text);
        Assert.Contains("Miembros con voto: 4. Quórum: 3", text);
        var member = await Data.Registry.ReadAsync(db => db.LracMembers.AsNoTracking().SingleAsync(m => m.RoundId == round.Id && m.Dni == NewDni));
        Assert.Equal((NewName, Affiliation.Other, "Gobierno Regional de Apurímac", (int?)null, LracRole.Member, true, true, true),
            (member.FullName, member.Affiliation, member.AffiliationName, member.CommunityId, member.Role, member.FieldJuror, member.PublicJuror, member.Active));
        var user = await Data.Registry.ReadAsync(db => db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Id == member.UserId));
        Assert.Equal(($"clar.{NewDni}", NewName, true), (user.UserName, user.DisplayName, user.IsActive));
        Assert.Equal([Role.LracMember], user.Roles.Select(r => r.Role));

        // Shown once: the list afterwards has the member, not the password.
        var list = await officer.GetPageAsync($"/rounds/{round.Id}/lrac");
        Assert.DoesNotContain(password, list);
        Assert.DoesNotContain("class=\"secret\"", list);
        Assert.Equal($"{NewName} DNI {NewDni} Miembro Otra institución: Gobierno Regional de Apurímac jurados de campo, jurados del acto público clar.{NewDni} 0 / 0 Editar",
            Row(list, NewName));
        Assert.Equal($"{JudgingData.NeighbourName} DNI {JudgingData.NeighbourDni} Miembro Comunidad: Ccollpa jurados de campo clar.{JudgingData.NeighbourDni} 0 / 0 Editar",
            Row(list, JudgingData.NeighbourName));

        // The password handed over signs the member in once, to choose their own (it says until when: 14 days, Lima time);
        // then they are a juror with nothing to score yet.
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromDays(14), user.PasswordExpiresUtc);
        Assert.True(user.MustChangePassword);
        Assert.Contains("id=\"one-time-expiry\"", html);
        using var juror = await App.SignedInClientAsync($"clar.{NewDni}", password);
        Assert.Equal("/account/password", (await juror.GetAsync("/judging")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await juror.PostFormAsync("/account/password",
            ("CurrentPassword", password), ("NewPassword", "ichu y queñua 2026"), ("ConfirmPassword", "ichu y queñua 2026"))).StatusCode);
        Assert.Contains("No tiene fichas por calificar.", HtmlPage.Text(await juror.GetPageAsync("/judging")));
    }

    [Fact]
    public async Task OneTimePassword_TheOfficerCannotActAsTheJurorWithIt_AndItExpiresAfter14Days()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var password = Secret().Match(await HtmlAsync(await AddAsync(officer, round.Id, Member()), HttpStatusCode.OK)).Groups[1].Value;

        using var officerAsJuror = await App.SignedInClientAsync($"clar.{NewDni}", password);
        Assert.Equal("/account/password", (await officerAsJuror.GetAsync("/judging")).Headers.Location?.OriginalString);
        Assert.Equal("/account/password", (await officerAsJuror.GetAsync($"/rounds/{round.Id}/lrac")).Headers.Location?.OriginalString);

        App.Clock.Advance(TimeSpan.FromDays(14));
        using var late = App.NewClient();
        var refused = await late.PostFormAsync("/account/login", ("UserName", $"clar.{NewDni}"), ("Password", password));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Su contraseña temporal venció", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddMember_GivesAPrintableHandOverSlip_NameUserPasswordHowToSignIn_AndAQrToTheSignInPage()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await AddAsync(officer, round.Id, Member(publicJuror: true)), HttpStatusCode.OK);

        var password = Secret().Match(html).Groups[1].Value;
        var slip = Regex.Match(html, "<section class=\"card slip\" id=\"handover-slip\"[^>]*>(.*?)</section>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(slip.Success, "The page has no hand-over slip.");
        string Fact(string name) => HtmlPage.Text(Regex.Match(slip.Groups[1].Value, $"data-slip=\"{name}\"[^>]*>(.*?)</dd>", RegexOptions.Singleline,
            TimeSpan.FromSeconds(1)).Groups[1].Value);
        Assert.Equal(NewName, Fact("name"));
        Assert.Equal($"clar.{NewDni}", Fact("user"));
        Assert.Equal(password, Fact("password"));
        var url = Regex.Match(slip.Groups[1].Value, "data-slip=\"qr\" data-url=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.EndsWith("/account/login", url, StringComparison.Ordinal);
        Assert.Equal(url, Fact("url"));
        Assert.Contains(Contests.Web.Features.Shared.QrSvg.Render(url, "Código QR de la página de ingreso"), slip.Groups[1].Value);
        var how = HtmlPage.Text(slip.Groups[1].Value);
        Assert.Contains($"Escriba su usuario (clar.{NewDni}) y la contraseña de esta hoja", how);
        Assert.Contains("Cambie la contraseña en Menú → Mi contraseña", how);
        // Printing the page prints the slip alone.
        var css = await officer.GetPageAsync("/css/site.css");
        Assert.Contains("body:has(#handover-slip) main > :not(#handover-slip) { display: none !important; }", css);

        // Like the password, the slip is shown once.
        Assert.DoesNotContain("handover-slip", await officer.GetPageAsync($"/rounds/{round.Id}/lrac"));
    }

    [Fact]
    public async Task AddMember_WithBlankName_SevenDigitDni_AndNoJurorKind_IsRefused_EachMessageShown_TypedValuesKept()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await AddAsync(officer, round.Id, Member(name: "  ", dni: "1234567", field: false));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Complete el campo «Nombres y apellidos».", HtmlPage.ErrorOf(html, "FullName"));
        Assert.Equal("El DNI tiene 8 dígitos y aquí hay 7. Si empieza con 0, escriba también ese 0 (las hojas de cálculo suelen quitarlo).",
            HtmlPage.ErrorOf(html, "Dni"));
        Assert.Equal("Marque si califica en campo, en el acto público o en ambos (solo el observador no califica).", HtmlPage.ErrorOf(html, "FieldJuror"));
        Assert.Equal("1234567", HtmlPage.InputValue(html, "Dni"));
        Assert.Equal("Gobierno Regional de Apurímac", HtmlPage.InputValue(html, "AffiliationName"));
        Assert.Contains("<option value=\"Other\" selected=\"selected\">", html);
        Assert.Equal(3, await MembersAsync(round.Id));
        Assert.False(await AccountExistsAsync("clar.1234567"));
    }

    [Fact]
    public async Task AddMember_ASecondPresident_IsRefused_NoAccountMade()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await AddAsync(officer, round.Id, Member(role: "President"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("El CLAR ya tiene presidente.", HtmlPage.ErrorOf(html, "Role"));
        Assert.Equal(NewName, HtmlPage.InputValue(html, "FullName"));
        Assert.Contains("<option value=\"President\" selected=\"selected\">", html);
        Assert.Equal(3, await MembersAsync(round.Id));
        Assert.False(await AccountExistsAsync($"clar.{NewDni}"));
    }

    [Fact]
    public async Task AddMember_TheSameDniTwice_IsRefused()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await AddAsync(officer, round.Id, Member(name: "Yolanda Sarmiento", dni: JudgingData.OtherDni));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal($"El DNI {JudgingData.OtherDni} ya está en el CLAR de este concurso.", HtmlPage.ErrorOf(html, "Dni"));
        Assert.Equal(3, await MembersAsync(round.Id));
        Assert.Equal(1, await Data.Registry.ReadAsync(db => db.LracMembers.CountAsync(m => m.Dni == JudgingData.OtherDni)));
    }

    [Fact]
    public async Task AddMember_WhoSatOnAnEarlierRound_KeepsTheirAccount_NoNewPassword()
    {
        var round = await Data.SeedAsync(assign: false);
        var later = await Data.Rounds.RoundAsync(round.World, RoundPhase.Open, name: "Concurso interfamiliar Abancay 2027");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var users = await Data.Registry.ReadAsync(db => db.Users.CountAsync());

        var response = await AddAsync(officer, later, Member(name: JudgingData.OtherName, dni: JudgingData.OtherDni));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Contains($"Miembro agregado. Su usuario es clar.{JudgingData.OtherDni}. Ya tenía cuenta de un concurso anterior: entra con la misma contraseña.",
            HtmlPage.Text(html));
        Assert.DoesNotContain("class=\"secret\"", html);
        Assert.Equal(users, await Data.Registry.ReadAsync(db => db.Users.CountAsync()));
        Assert.Equal(round.Other.UserId, await Data.Registry.ReadAsync(db => db.LracMembers.Where(m => m.RoundId == later).Select(m => m.UserId).SingleAsync()));
    }

    [Fact]
    public async Task EditMember_TakenOffTheCommittee_NoLongerReachesTheirSheets()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Other, round.Entry(5));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var juror = await App.SignedInClientAsync(round.Other.UserName);
        Assert.Equal(HttpStatusCode.OK, (await juror.GetAsync(Sheet(sheet))).StatusCode);
        var edit = $"/rounds/{round.Id}/lrac/{round.Other.MemberId}/edit";
        var form = await officer.GetPageAsync(edit);
        Assert.Equal(JudgingData.OtherName, HtmlPage.InputValue(form, "FullName"));
        Assert.Equal(JudgingData.OtherDni, HtmlPage.InputValue(form, "Dni"));

        // "Sigue en el CLAR" unticked: the checkbox posts nothing.
        var response = await officer.PostFormAsync(edit, ("FullName", JudgingData.OtherName), ("Dni", JudgingData.OtherDni), ("Role", "Secretary"),
            ("Affiliation", "Municipality"), ("CommunityId", ""), ("OrganizationId", ""), ("AffiliationName", "Municipalidad Provincial de Abancay"),
            ("FieldJuror", "true"));

        await RedirectsToAsync(response, $"/rounds/{round.Id}/lrac");
        var list = await officer.GetPageAsync($"/rounds/{round.Id}/lrac");
        Assert.Equal($"Datos de {JudgingData.OtherName} guardados.", Flash(list));
        // A retired member's row is greyed out (class "off"); Row reads plain rows, so the class is taken off first.
        Assert.Contains("<tr class=\"off\">", list);
        Assert.StartsWith($"{JudgingData.OtherName} DNI {JudgingData.OtherDni} Secretario · retirado ",
            Row(list.Replace("<tr class=\"off\">", "<tr>", StringComparison.Ordinal), JudgingData.OtherName));
        Assert.False(await Data.Registry.ReadAsync(db => db.LracMembers.Where(m => m.Id == round.Other.MemberId).Select(m => m.Active).SingleAsync()));
        Assert.Empty(MySheets(await juror.GetPageAsync("/judging")));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync(Sheet(sheet))).StatusCode);
    }

    [Fact]
    public async Task EditMember_ChangingTheDni_IsRefused()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var edit = $"/rounds/{round.Id}/lrac/{round.Other.MemberId}/edit";

        var response = await officer.PostFormAsync(edit, ("FullName", JudgingData.OtherName), ("Dni", NewDni), ("Role", "Secretary"),
            ("Affiliation", "Municipality"), ("CommunityId", ""), ("OrganizationId", ""), ("AffiliationName", "Municipalidad Provincial de Abancay"),
            ("FieldJuror", "true"), ("active", "true"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("El DNI no se cambia: si es otra persona, agréguela como miembro nuevo.", HtmlPage.ErrorOf(html, "Dni"));
        Assert.Equal(NewDni, HtmlPage.InputValue(html, "Dni"));
        Assert.Equal(JudgingData.OtherDni, await Data.Registry.ReadAsync(db => db.LracMembers.Where(m => m.Id == round.Other.MemberId).Select(m => m.Dni).SingleAsync()));
    }

    [Fact]
    public async Task AddMember_OnceTheRoundIsInReview_IsRefused_SayingWhy()
    {
        var world = await Data.Rounds.WorldAsync();
        var round = await Data.Rounds.RoundAsync(world, RoundPhase.Review);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = await officer.GetPageAsync($"/rounds/{round}/lrac");
        Assert.DoesNotContain("Agregar al CLAR", HtmlPage.Text(page));

        // A page opened before the round moved on still has the form.
        var response = await AddAsync(officer, round, Member());

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("El concurso está en fase «Revisión del CLAR»: el CLAR ya no cambia.", HtmlPage.Text(html));
        Assert.Equal(0, await MembersAsync(round));
    }

    [Fact]
    public async Task LracPage_OfAnotherRoundsMember_IsNotFound()
    {
        var round = await Data.SeedAsync(assign: false);
        var other = await Data.Rounds.RoundAsync(round.World, RoundPhase.Open, name: "Concurso interfamiliar Abancay 2027");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/rounds/{other}/lrac/{round.Other.MemberId}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/rounds/{round.Id + 100}/lrac")).StatusCode);
    }
}

public sealed class LracScreensTestsOnSqlite(SqliteApp app) : LracScreensTests<SqliteApp>(app);

public sealed class LracScreensTestsOnPostgres(PostgresApp app) : LracScreensTests<PostgresApp>(app);
