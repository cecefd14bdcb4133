using System.Net;
using Contests.Core.Judging;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;

namespace Contests.Web.Tests.Admin;

/// <summary>
/// For each protected route and each role (and anonymous): allowed, sent to sign in, or denied.
/// Every feature adds its rows here.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    public enum Expect { Allow, SignIn, Deny }

    private const string Anonymous = "(anonymous)";

    private static readonly string[] ReadRegistry = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] ManageRegistry = [TestUsers.Officer];
    private static readonly string[] VerifyBankAccounts = [TestUsers.Officer, TestUsers.Finance];
    private static readonly string[] ReadRounds = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] ManageRounds = [TestUsers.Officer];
    private static readonly string[] Judge = [TestUsers.Lrac];
    private static readonly string[] ReadSession = [TestUsers.Admin, TestUsers.Officer, TestUsers.Lrac, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] RunSession = [TestUsers.Officer, TestUsers.Lrac];
    private static readonly string[] ReadPayouts = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] ApprovePayouts = [TestUsers.Finance];
    private static readonly string[] RecordPayments = [TestUsers.Officer, TestUsers.Finance];
    private static readonly string[] ReadDocuments = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] IssueDocuments = [TestUsers.Officer];
    private static readonly string[] DownloadBankFiles = [TestUsers.Finance, TestUsers.Auditor];
    private static readonly string[] ReadIndicators = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] ManageTargets = [TestUsers.Officer, TestUsers.Monitoring];
    private static readonly string[] ReadJobs = [TestUsers.Admin, TestUsers.Finance, TestUsers.Auditor];
    private static readonly string[] ManageSurveys = [TestUsers.Officer, TestUsers.Monitoring];
    private static readonly string[] ExportData = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];

    // route → who may open it; everyone else signed in is denied, anonymous is sent to sign in.
    private static readonly (string Route, string[] Allowed)[] Routes =
    [
        ("/", [TestUsers.Admin, TestUsers.Officer, TestUsers.Lrac, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring]),
        ("/account/password", [TestUsers.Admin, TestUsers.Officer, TestUsers.Lrac, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring]),
        ("/admin/users", [TestUsers.Admin]),
        ("/admin/users/new", [TestUsers.Admin]),
        ("/admin/users/1", [TestUsers.Admin]),
        ("/audit", [TestUsers.Admin, TestUsers.Auditor, TestUsers.Monitoring]),
        ("/audit/verify", [TestUsers.Admin, TestUsers.Auditor, TestUsers.Monitoring]),
        ("/registry", ReadRegistry),
        ("/registry/households", ReadRegistry),
        ("/registry/households/new", ManageRegistry),
        ("/registry/communities", ReadRegistry),
        ("/registry/communities/new", ManageRegistry),
        ("/registry/organizations", ReadRegistry),
        ("/registry/organizations/new", ManageRegistry),
        ("/registry/accounts", ReadRegistry),
        ("/registry/territory", ReadRegistry),
        ("/registry/watersheds", ReadRegistry),
        ("/registry/watersheds/new", ManageRegistry),
        ("/programme", ReadRegistry),
        ("/programme/edit", ManageRegistry),
        ("/programme/funding/new", ManageRegistry),
        // The programme's contract template: officers edit it; finance, auditors and admins read its versions.
        ("/programme/contract", ReadDocuments),
        ("/programme/contract/preview.pdf", ReadDocuments),
        ("/rounds", ReadRounds),
        ("/rounds/new", ManageRounds),
        ("/judging", Judge),
        // Monitoring and evaluation: every role but the LRAC's reads the indicators and the logframe.
        ("/monitoring", ReadIndicators),
        ("/monitoring/logframe", ReadIndicators),
        ("/monitoring/logframe.pdf", ReadIndicators),
        // Impact estimates: household surveys and the difference-in-differences page, read like the indicators.
        ("/impact", ReadIndicators),
        ("/impact/estimate", ReadIndicators),
        // The jobs' dashboard: administrators, finance and auditors; not officers, the LRAC nor the Monitoring role (Policies.ReadJobRoles).
        ("/jobs", ReadJobs),
        // Exports (CSV, XLSX): whoever reads the indicators; the LRAC's members don't.
        ("/exports", ExportData),
        ("/exports/participants.csv", ExportData),
        ("/exports/participants.xlsx", ExportData),
        ("/exports/score-sheets.csv", ExportData),
        ("/exports/score-sheets.xlsx", ExportData),
        ("/exports/awards.csv", ExportData),
        ("/exports/awards.xlsx", ExportData),
        ("/exports/payouts.csv", ExportData),
        ("/exports/payouts.xlsx", ExportData),
        ("/exports/visits.csv", ExportData),
        ("/exports/visits.xlsx", ExportData),
        ("/exports/indicators.csv", ExportData),
        ("/exports/indicators.xlsx", ExportData),
    ];

    // Pages of round 1 (each test seeds it): who may open them.
    private static readonly (string Route, string[] Allowed)[] RoundRoutes =
    [
        ("/rounds/1", ReadRounds),
        ("/rounds/1/rules", ReadRounds),
        ("/rounds/1/entries", ReadRounds),
        ("/rounds/1/entries/1", ReadRounds),
        ("/rounds/1/edit", ManageRounds),
        ("/rounds/1/rules/edit", ManageRounds),
        ("/rounds/1/entries/new", ManageRounds),
        ("/rounds/1/entries/import", ManageRounds),
        ("/rounds/1/entries/import/template", ManageRounds),
        ("/rounds/1/entries/1/visits/new", ManageRounds),
        ("/rounds/1/visits/import", ManageRounds),
        ("/rounds/1/visits/import/sample", ManageRounds),
        ("/rounds/1/lrac", ReadRounds),
        ("/rounds/1/assignments", ReadRounds),
        ("/rounds/1/progress", ReadRounds),
        ("/rounds/1/ranking", ReadRounds),
        ("/rounds/1/lrac/1/edit", ManageRounds),
        ("/rounds/1/sheets/1", ManageRounds),
        ("/judging/sheets/1", Judge),
        ("/judging/rounds/1/committee", Judge),
        // The LRAC session: t-lrac presides round 1 (a member of another round finds nothing: SessionTests).
        ("/rounds/1/session", ReadSession),
        ("/rounds/1/appeals", ReadSession),
        // Payouts: officers, finance, auditors and admins read; only finance reconciles.
        ("/payouts", ReadPayouts),
        ("/rounds/1/payouts", ReadPayouts),
        ("/plans/reports", ReadPayouts),
        ("/payouts/reconcile", ApprovePayouts),
        // Documents: officers issue; finance, auditors and admins read and download; LRAC members see none.
        ("/rounds/1/documents", ReadDocuments),
    ];

    // Pages of something round 1 doesn't have (it funds no organization): those allowed find nothing, the others are
    // denied all the same, since authorization runs before the action looks anything up.
    private static readonly (string Route, string[] Allowed)[] MissingRoundRoutes =
    [
        // A funded organization's contract: read like the other documents; officers issue it.
        ("/rounds/1/contracts/1", ReadDocuments),
        // A funded plan's follow-up (receipts, accounting, tranche conditions): read by those who read payouts.
        ("/rounds/1/plans/1", ReadPayouts),
        ("/rounds/1/plans/1/reports/1/attachments/1", ReadPayouts),
        ("/rounds/1/plans/1/receipts/1/file", ReadPayouts),
        ("/rounds/1/plans/1/deposits/1/file", ReadPayouts),
        // A batch's bank files (every account and CCI): finance and auditors only, not officers, admins nor the
        // Monitoring role (personal data it does not need).
        ("/payouts/batches/1/file.xml", DownloadBankFiles),
        ("/payouts/batches/1/file.csv", DownloadBankFiles),
    ];

    // POST route → who may post; the others are denied even with a valid antiforgery token. Routes with
    // ids need no data: authorization runs before the action looks anything up.
    private static readonly (string Route, string[] Allowed)[] PostRoutes =
    [
        ("/registry/territory", ManageRegistry),
        ("/registry/communities/new", ManageRegistry),
        ("/registry/communities/1/edit", ManageRegistry),
        ("/registry/households/new", ManageRegistry),
        ("/registry/households/1/edit", ManageRegistry),
        ("/registry/households/1/move", ManageRegistry),
        ("/registry/organizations/new", ManageRegistry),
        ("/registry/organizations/1/edit", ManageRegistry),
        ("/registry/organizations/1/members", ManageRegistry),
        ("/registry/organizations/1/members/1/remove", ManageRegistry),
        ("/registry/accounts/new", ManageRegistry),
        ("/registry/accounts/1/edit", ManageRegistry),
        ("/registry/accounts/1/deactivate", ManageRegistry),
        ("/registry/accounts/1/verify", VerifyBankAccounts),
        ("/registry/watersheds/new", ManageRegistry),
        ("/registry/watersheds/1", ManageRegistry),
        ("/programme/edit", ManageRegistry),
        ("/programme/offices", ManageRegistry),
        ("/programme/funding/new", ManageRegistry),
        ("/programme/funding/1/edit", ManageRegistry),
        ("/programme/funding/1/adjust", ManageRegistry),
        ("/rounds/new", ManageRounds),
        ("/rounds/1/edit", ManageRounds),
        ("/rounds/1/rules/edit", ManageRounds),
        ("/rounds/1/phase", ManageRounds),
        ("/rounds/1/calendar", ManageRounds),
        ("/rounds/1/entries/new", ManageRounds),
        ("/rounds/1/entries/1/withdraw", ManageRounds),
        ("/rounds/1/entries/1/disqualify", ManageRounds),
        ("/rounds/1/entries/1/baseline", ManageRounds),
        ("/rounds/1/entries/1/photos", ManageRounds),
        ("/rounds/1/entries/import", ManageRounds),
        ("/rounds/1/lrac", ManageRounds),
        ("/rounds/1/lrac/1/edit", ManageRounds),
        ("/rounds/1/lrac/conflicts", ManageRounds),
        ("/rounds/1/assignments", ManageRounds),
        ("/rounds/1/sheets/1", ManageRounds),
        ("/rounds/1/sheets/1/reopen", ManageRounds),
        ("/judging/sheets/1", Judge),
        ("/judging/sheets/1/autosave", Judge),
        ("/judging/sheets/1/conflict", Judge),
        ("/judging/rounds/1/sheets/1/reopen", Judge),
        ("/rounds/1/session", RunSession),
        ("/rounds/1/session/attendance", RunSession),
        ("/rounds/1/session/overrides", RunSession),
        ("/rounds/1/session/overrides/1/remove", RunSession),
        ("/rounds/1/session/approve", RunSession),
        ("/rounds/1/appeals", ManageRounds),
        ("/rounds/1/appeals/1/resolve", RunSession),
        // Officers create payouts and choose the method; only finance approves, batches, runs, retries, cancels,
        // reissues and reconciles; both record cash receipts; auditors and admins post nothing.
        ("/rounds/1/payouts", ManageRounds),
        ("/rounds/1/payouts/1/method", ManageRounds),
        ("/rounds/1/payouts/approve", ApprovePayouts),
        ("/rounds/1/payouts/batch", ApprovePayouts),
        ("/rounds/1/payouts/select-all", ApprovePayouts),
        ("/rounds/1/payouts/1/reissue", ApprovePayouts),
        ("/rounds/1/payouts/1/receipt", RecordPayments),
        // A funded plan's receipts, deposits, reports and the LRAC's approval of them: officers record them (a later
        // tranche's conditions come from these records; finance's gate is the payouts' approval).
        ("/rounds/1/plans/1/receipts", ManageRounds),
        ("/rounds/1/plans/1/deposits", ManageRounds),
        ("/rounds/1/plans/1/reports", ManageRounds),
        ("/rounds/1/plans/1/reports/1/approve", ManageRounds),
        ("/rounds/1/plans/1/reports/1/attachments", ManageRounds),
        ("/rounds/1/plans/1/reports/1/attachments/1/remove", ManageRounds),
        ("/rounds/1/plans/1/receipts/1/file", ManageRounds),
        ("/rounds/1/plans/1/deposits/1/file", ManageRounds),
        ("/rounds/1/plans/1/close-out", ManageRounds),
        ("/payouts/batches/1/run", ApprovePayouts),
        ("/payouts/batches/1/retry", ApprovePayouts),
        ("/payouts/batches/1/cancel", ApprovePayouts),
        ("/payouts/batches/1/request", ApprovePayouts),
        ("/payouts/reconcile", ApprovePayouts),
        // Only officers issue, void, generate, cancel and resume documents, issue contracts and edit their template.
        ("/rounds/1/documents/packs", IssueDocuments),
        ("/rounds/1/documents/certificates/1", IssueDocuments),
        ("/rounds/1/documents/records/acta", IssueDocuments),
        ("/documents/1/void", IssueDocuments),
        ("/documents/packs/1/cancel", IssueDocuments),
        ("/documents/packs/1/resume", IssueDocuments),
        ("/rounds/1/contracts/1", IssueDocuments),
        ("/rounds/1/contracts/1/addenda", IssueDocuments),
        ("/programme/contract", IssueDocuments),
        // The Monitoring role edits nothing but the logframe's targets (officers set them too).
        ("/monitoring/logframe", ManageTargets),
        // Household surveys are defined and answered by officers and the Monitoring role.
        ("/impact/surveys", ManageSurveys),
        ("/impact/surveys/1/waves", ManageSurveys),
        ("/impact/surveys/1/answers", ManageSurveys),
        ("/impact/surveys/1/import", ManageSurveys),
    ];

    // The verification page a certificate's QR opens is public (what it shows: DocumentTests).
    private static readonly string[] Public = ["/account/login", "/health", "/health/live", "/health/ready", "/verify"];

    /// <summary>Anonymous, then each test user: every route of the matrix is opened as each of them.</summary>
    public static TheoryData<string> Users() => [Anonymous, .. TestUsers.ByName.Keys];

    public static TheoryData<string> SignedInUsers() => [.. TestUsers.ByName.Keys];

    /// <summary>
    /// Every route as one identity, signed in once (a sign-in and a clean database per route and role made this class the
    /// suite's slowest): each route is allowed, sent to sign in or denied as the matrix says; every mismatch is listed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Users))]
    public async Task Get_EveryRoute_AsEachIdentity(string user)
    {
        // Every installation is set up with its programme (without one, /programme sends you to set it up).
        await new RegistryData(App).AddProgrammeAsync();
        using var client = user == Anonymous ? App.NewClient() : await App.SignedInClientAsync(user);
        var expectations = Routes.Select(r => (r.Route, Expected: user == Anonymous ? Expect.SignIn : r.Allowed.Contains(user) ? Expect.Allow : Expect.Deny))
            .Concat(user == Anonymous ? Public.Select(route => (Route: route, Expected: Expect.Allow)) : []);
        var mismatches = new List<string>();
        var checkedRoutes = 0;

        foreach (var (route, expected) in expectations)
        {
            var response = await client.GetAsync(route);
            var actual = response.StatusCode switch
            {
                HttpStatusCode.OK => Expect.Allow,
                HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/login" => Expect.SignIn,
                HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/denied" => Expect.Deny,
                _ => (Expect?)null,
            };
            checkedRoutes++;
            if (actual != expected)
            {
                mismatches.Add($"{route} as {user}: expected {expected}, got {actual?.ToString() ?? $"{(int)response.StatusCode} → {response.Headers.Location}"}");
            }
        }

        Assert.Equal(Routes.Length + (user == Anonymous ? Public.Length : 0), checkedRoutes);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    /// <summary>
    /// Every page of a round as one identity, on one seeded round and signed in once (a round seeded and every role signed
    /// in for each page made these the matrix's slowest): sent to sign in, shown (or "not found" for what the round
    /// lacks) or denied as the matrix says; every mismatch is listed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Users))]
    public async Task Get_RoundPages_AsEachIdentity(string user)
    {
        await SeedRoundWithOneEntryAsync();
        using var client = user == Anonymous ? App.NewClient() : await App.SignedInClientAsync(user);
        var mismatches = new List<string>();
        var checkedRoutes = 0;

        foreach (var (route, allowed) in RoundRoutes.Concat(MissingRoundRoutes))
        {
            var response = await client.GetAsync(route);
            var found = MissingRoundRoutes.All(r => r.Route != route) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            var ok = user == Anonymous ? Redirects.PathOf(response) == "/account/login"
                : allowed.Contains(user) ? response.StatusCode == found
                : response.StatusCode == HttpStatusCode.Redirect && Redirects.PathOf(response) == "/account/denied";
            checkedRoutes++;
            if (!ok)
            {
                mismatches.Add($"GET {route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Equal(RoundRoutes.Length + MissingRoundRoutes.Length, checkedRoutes);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    /// <summary>
    /// Round 1, open, with entry 1 (a household of Huayllabamba), and LRAC member 1 (t-lrac, a field juror) with
    /// sheet 1 of entry 1.
    /// </summary>
    private async Task SeedRoundWithOneEntryAsync()
    {
        var round = await OpenRound.SeedAsync(App);
        var entry = await round.RegisterAsync(App, round.Inside[0]);
        Assert.Equal(1, round.Id);
        var judging = new JudgingData(App);
        var member = await judging.AddMemberAsync(round.Id, await judging.Rounds.UserIdAsync(TestUsers.Lrac), new LracMemberInput
        {
            FullName = "Lucio Huamaní Ccahua", Dni = "42816395", Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true,
        });
        var sheet = await judging.Registry.WriteAsync(db =>
        {
            var part = db.Rounds.Single(r => r.Id == round.Id).CurrentRules!.Rules.Rubric.Parts[0];
            return db.ScoreSheets.Add(ScoreSheet.Start(entry, member.MemberId, 0, part)).Entity;
        });
        Assert.Equal((1, 1), (member.MemberId, sheet.Id));
    }

    [Theory]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/users/1")]
    [InlineData("/admin/users/1/password")]
    [InlineData("/admin/users/1/unlock")]
    public async Task Post_AdminRoutes_DeniedToOtherRoles_EvenWithAValidToken(string route)
    {
        foreach (var user in TestUsers.ByName.Keys.Where(u => u != TestUsers.Admin))
        {
            using var client = await App.SignedInClientAsync(user);

            var response = await client.PostFormAsync("/account/password", route, ("DisplayName", "x"), ("Roles", "Admin"), ("IsActive", "true"));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    /// <summary>
    /// Every POST route as one signed-in identity, with a valid antiforgery token: denied exactly when the route's policy
    /// leaves the role out (what an allowed role's post then does is each feature's tests' business); every mismatch is listed.
    /// </summary>
    [Theory]
    [MemberData(nameof(SignedInUsers))]
    public async Task Post_EveryRoute_DeniedToRolesOutsideThePolicy_EvenWithAValidToken(string user)
    {
        using var client = await App.SignedInClientAsync(user);
        var mismatches = new List<string>();

        foreach (var (route, allowed) in PostRoutes)
        {
            var response = await client.PostFormAsync("/account/password", route, ("Name", "x"), ("communityId", "1"), ("dni", "01234567"));

            var denied = response.StatusCode == HttpStatusCode.Redirect && Redirects.PathOf(response) == "/account/denied";
            if (allowed.Contains(user) == denied)
            {
                mismatches.Add($"POST {route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task DeniedPage_IsAForbiddenStatusWithAnExplanation()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await client.GetAsync("/account/denied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Su rol no permite abrir esta página", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Judging_AJurorOpeningASheetNotTheirs_OrOfAnEntryTheyAreConflictedWith_FindsNothing()
    {
        var data = new JudgingData(App);
        var round = await data.SeedAsync();
        var own = await data.SheetOfAsync(round.Lrac, round.Entry(1));
        var theirs = await data.SheetOfAsync(round.Other, round.Entry(5));
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        Assert.Equal(HttpStatusCode.OK, (await lrac.GetAsync($"/judging/sheets/{own}")).StatusCode);
        // A conflict declared from the sheet: the sheet goes with it.
        Assert.Equal(HttpStatusCode.Redirect, (await lrac.PostFormAsync($"/judging/sheets/{own}", $"/judging/sheets/{own}/conflict", ("reason", "Es mi compadre."))).StatusCode);

        foreach (var sheet in new[] { theirs, own })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await lrac.GetAsync($"/judging/sheets/{sheet}")).StatusCode);
        }
        // Pedro sits on the LRAC and competes: his own household's and his community's sheets are all someone else's.
        using var pedro = await App.SignedInClientAsync(round.Neighbour.UserName);
        foreach (var entry in new[] { round.Entry(1), round.Entry(2), round.Entry(3) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await pedro.GetAsync($"/judging/sheets/{await data.SheetOfAsync(round.Other, entry)}")).StatusCode);
        }
    }

    [Fact]
    public async Task Menu_ShowsTheScoreSheets_OnlyToLracMembers()
    {
        foreach (var user in TestUsers.ByName.Keys)
        {
            using var client = await App.SignedInClientAsync(user);
            var home = await client.GetPageAsync("/");
            Assert.Equal(user == TestUsers.Lrac, home.Contains("href=\"/judging\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Menu_ShowsOnlyWhatTheRoleMayOpen()
    {
        foreach (var (route, allowed) in Routes.Where(r => r.Route is "/admin/users" or "/audit" or "/registry" or "/programme" or "/rounds" or "/monitoring"))
        {
            foreach (var user in TestUsers.ByName.Keys)
            {
                using var client = await App.SignedInClientAsync(user);
                var home = await client.GetPageAsync("/");
                Assert.Equal(allowed.Contains(user), home.Contains($"href=\"{route}\"", StringComparison.Ordinal));
            }
        }
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
