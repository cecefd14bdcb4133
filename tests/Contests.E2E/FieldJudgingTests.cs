using System.Text.RegularExpressions;
using Contests.Core.Judging;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// Scoring without signal, on a phone: "Preparar para el campo" keeps the juror's sheets; offline (the browser context's
/// network off) Mis fichas and the sheets open from the phone, typing is kept there, "Enviar ficha" queues the submission;
/// back online the outbox goes out by itself, each save applied once. A sheet changed by an officer meanwhile shows both
/// versions; signing out with something unsent asks, and signing out leaves nothing of the juror on the phone.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class FieldJudgingTests(AppServer server, ITestOutputHelper output) : BrowserTest(server)
{
    private static int SheetId(string href) => int.Parse(Regex.Match(href, @"/judging/sheets/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<T> ReadAsync<T>(Func<ContestsDbContext, Task<T>> read)
    {
        using var scope = Server.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    private Task<ScoreSheet> SheetAsync(int id) => ReadAsync(db => db.ScoreSheets.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<int> ChangesAsync(int id) => ReadAsync(db => db.Set<AuditRecord>().CountAsync(a =>
        a.EntityType == nameof(ScoreSheet) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified"));

    /// <summary>
    /// The juror's phone as a browser without Background Sync (as Firefox and Safari are): the outbox goes out from the
    /// page alone. With it, Chromium fires the worker's sync at once (its network is really up), and the worker's send
    /// is not reliably cut off by the context's offline emulation (the emulation reaches a worker asynchronously), so a
    /// change typed "offline" could reach the server before the test's officer acts.
    /// </summary>
    private async Task<IBrowserContext> JurorPhoneAsync()
    {
        var context = await Server.NewContextAsync(Phone);
        await context.AddInitScriptAsync("delete ServiceWorkerRegistration.prototype.sync;");
        return context;
    }

    private static async Task PrepareAsync(IPage page)
    {
        await page.GotoAsync("/judging");
        await page.Locator("#field-prepare").ClickAsync();
        await Expect(page.Locator("#field-line")).ToHaveAttributeAsync("data-prepared", new Regex(@"^\d+$"), new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller");
    }

    /// <summary>The issue's budget for a field pack: what the phone keeps, ≤ 1.5 MB, prepared in ≤ 60 s on 400 kbps / 400 ms.</summary>
    private const long PackBudget = 1536 * 1024;

    private static readonly TimeSpan PrepareBudget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Prepares on a slow rural connection — Chromium's network emulation (DevTools protocol) at 400 kbps both ways with 400 ms
    /// of latency; preparing fetches past the service worker, so every byte is the page's and throttled — and answers what the
    /// phone keeps (bytes as stored, sheets), the bytes transferred and how long it took.
    /// </summary>
    private async Task<(long Bytes, int Sheets, long Transferred, int Photos, TimeSpan Took)> PrepareThrottledAsync(IPage page)
    {
        const int BytesPerSecond = 400_000 / 8;
        await page.GotoAsync("/judging");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 400, ["downloadThroughput"] = BytesPerSecond, ["uploadThroughput"] = BytesPerSecond,
        });
        var finished = new List<IRequest>();
        void Collect(object? sender, IRequest request) => finished.Add(request);
        page.RequestFinished += Collect;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await page.Locator("#field-prepare").ClickAsync();
        await Expect(page.Locator("#field-line")).ToHaveAttributeAsync("data-prepared", new Regex(@"^\d+$"), new() { Timeout = 90_000 });
        watch.Stop();
        page.RequestFinished -= Collect;
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller");
        long transferred = 0, photoBytes = 0;
        var photos = 0;
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            transferred += sizes.ResponseBodySize + sizes.ResponseHeadersSize + sizes.RequestHeadersSize + sizes.RequestBodySize;
            if (request.Url.Contains("/photos/", StringComparison.Ordinal))
            {
                // The pack keeps the photos' field copies (≤ 60 KB each), not the phone copies (≤ 200 KB) the sheet links online.
                Assert.EndsWith("/field", request.Url, StringComparison.Ordinal);
                Assert.True(sizes.ResponseBodySize <= Contests.Core.Rounds.ImageCheck.FieldMaxBytes, $"{request.Url}: {sizes.ResponseBodySize} bytes.");
                (photos, photoBytes) = (photos + 1, photoBytes + sizes.ResponseBodySize);
            }
        }
        var kept = await page.EvaluateAsync<long[]>("() => FieldStore.meta().then(m => [m.bytes, m.count])");
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Field pack on 400 kbps / 400 ms: {kept[1]} sheets, {kept[0] / 1024.0:0.0} KB kept, {transferred / 1024.0:0.0} KB in {finished.Count} requests ({photos} photos, {photoBytes / 1024.0:0.0} KB), prepared in {watch.Elapsed.TotalSeconds:0.0} s"));
        // The emulation held: the bytes could not have come faster than 400 kbps.
        Assert.True(watch.Elapsed.TotalSeconds >= (double)transferred / BytesPerSecond, $"{transferred} bytes in {watch.Elapsed}: not throttled.");
        return (kept[0], (int)kept[1], transferred, photos, watch.Elapsed);
    }

    private static async Task FillPointsAsync(IPage page, string value)
    {
        var inputs = page.Locator("input[data-max]");
        for (var i = 0; i < await inputs.CountAsync(); i++)
        {
            await inputs.Nth(i).FillAsync(value);
        }
    }

    [Fact]
    public async Task Offline_two_sheets_are_kept_on_the_phone_one_submitted_and_back_online_each_reaches_the_server_once()
    {
        await using var context = await JurorPhoneAsync();
        var page = await context.NewPageAsync();
        try
        {
            // Teófilo (a field juror of the demo round) has two sheets not started, and twenty submitted; each family has a photo.
            await SignInAsync(page, "clar.44038615");
            var pack = await PrepareThrottledAsync(page);
            Assert.True(pack.Sheets >= 20 && pack.Photos >= 20, $"The issue's pack is 20 sheets with photos: {pack.Sheets} sheets, {pack.Photos} photos.");
            Assert.True(pack.Bytes <= PackBudget, $"The field pack holds {pack.Bytes} bytes: over 1.5 MB.");
            Assert.True(pack.Took <= PrepareBudget, $"Preparing took {pack.Took}: over 60 s on 400 kbps / 400 ms.");
            await Expect(page.Locator("#field-line")).ToContainTextAsync("Preparado el");
            // The installed app opens at the manifest's start_url: it must be in the worker's scope to open without signal.
            var start = await page.EvaluateAsync<string>(@"async () => {
                const manifest = await (await fetch('/manifest.webmanifest')).json();
                const registration = await navigator.serviceWorker.getRegistration(manifest.start_url);
                return registration ? manifest.start_url : 'outside the worker: ' + manifest.start_url;
            }");
            Assert.Equal("/", start);
            var open = page.Locator("a.sheet-link:not([data-state=Submitted])");
            Assert.True(await open.CountAsync() >= 2);
            var first = SheetId((await open.Nth(0).GetAttributeAsync("href"))!);
            var second = SheetId((await open.Nth(1).GetAttributeAsync("href"))!);
            var before = (await SheetAsync(first), await SheetAsync(second));
            var changes = (await ChangesAsync(first), await ChangesAsync(second));

            await context.SetOfflineAsync(true);
            await page.GotoAsync($"/judging/sheets/{first}");
            await FillPointsAsync(page, "11");
            await page.Locator("#Comments").FillAsync("Visitado sin señal.");
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "kept");
            await page.GotoAsync($"/judging/sheets/{second}");
            await FillPointsAsync(page, "13");
            await page.Locator("#Confirmed").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar ficha" }).ClickAsync();
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "queued");
            await Expect(page.Locator("input[data-max]").First).ToBeDisabledAsync();
            await page.CloseAsync();

            // A new page, still without signal, opened as from the home screen (the start_url): the list and both sheets
            // from the phone, as the juror left them.
            page = await context.NewPageAsync();
            await page.GotoAsync(start);
            await Expect(page.Locator("#field-line")).ToHaveAttributeAsync("data-prepared", new Regex(@"^\d+$"));
            await Expect(page.Locator($"a.sheet-link[data-sheet='{first}']")).ToHaveAttributeAsync("data-local", "pending");
            await Expect(page.Locator($"a.sheet-link[data-sheet='{second}']")).ToHaveAttributeAsync("data-local", "queued");
            await Expect(page.Locator("#field-pending")).ToHaveTextAsync("2 fichas por enviar");
            await ExpectNoHorizontalScrollAsync(page);
            await page.GotoAsync($"/judging/sheets/{first}");
            await Expect(page.Locator("#Points_0")).ToHaveValueAsync("11");
            await Expect(page.Locator("#Comments")).ToHaveValueAsync("Visitado sin señal.");
            // The sheet links the photo's phone copy; without signal the phone answers with the field copy it keeps.
            var photo = await page.Locator("a[data-photo=phone]").First.GetAttributeAsync("href");
            Assert.Equal("image/jpeg", await page.EvaluateAsync<string>("async u => { const r = await fetch(u); return r.ok ? r.headers.get('content-type') : 'refused ' + r.status; }", photo));
            Assert.Equal((before.Item1.Revision, before.Item2.Revision), ((await SheetAsync(first)).Revision, (await SheetAsync(second)).Revision));

            // The signal returns: the outbox goes out by itself, and the badge counts down to nothing.
            await page.GotoAsync("/judging");
            // The page is served with a count of 0 and the script then counts the phone's outbox: wait for its count first,
            // or the wait for 0 below could pass on the page as served, before anything was sent.
            await Expect(page.Locator("#field-pending")).ToHaveAttributeAsync("data-count", "2");
            await context.SetOfflineAsync(false);
            await Expect(page.Locator("#field-pending")).ToHaveAttributeAsync("data-count", "0", new() { Timeout = 20_000 });
            await Expect(page.Locator("#field-pending")).ToBeHiddenAsync();
            var (saved, submitted) = (await SheetAsync(first), await SheetAsync(second));
            Assert.Equal((SheetState.Draft, before.Item1.Revision + 1, "Visitado sin señal."), (saved.State, saved.Revision, saved.Comments));
            Assert.All(saved.Points, p => Assert.Equal(11m, p));
            Assert.Equal((SheetState.Submitted, before.Item2.Revision + 1), (submitted.State, submitted.Revision));
            Assert.All(submitted.Points, p => Assert.Equal(13m, p));
            // One change each in the audit trail: the draft once, the submission once.
            Assert.Equal((changes.Item1 + 1, changes.Item2 + 1), (await ChangesAsync(first), await ChangesAsync(second)));
            await page.ReloadAsync();
            await Expect(page.Locator($"a.sheet-link[data-sheet='{second}']")).ToHaveAttributeAsync("data-state", "Submitted");
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(page, nameof(Offline_two_sheets_are_kept_on_the_phone_one_submitted_and_back_online_each_reaches_the_server_once));
            throw;
        }
    }

    /// <summary>Lucio's submitted sheet (first or last by id: each test its own), its round, and its family's household.</summary>
    private Task<(int Sheet, int Round, int Household)> LuciosSheetAsync(bool last) => ReadAsync(async db =>
    {
        var user = await db.Users.Where(u => u.UserName == "clar.42816395").Select(u => u.Id).SingleAsync();
        var submitted = from s in db.ScoreSheets
                        join m in db.LracMembers on s.JurorId equals m.Id
                        join e in db.Entries on s.EntryId equals e.Id
                        where m.UserId == user && s.State == SheetState.Submitted && e.HouseholdId != null
                        select new { s.Id, m.RoundId, Household = e.HouseholdId!.Value };
        var found = await (last ? submitted.OrderByDescending(x => x.Id) : submitted.OrderBy(x => x.Id)).FirstAsync();
        return (found.Id, found.RoundId, found.Household);
    });

    private static async Task ReopenAsync(IPage officer, string paper)
    {
        await officer.GotoAsync(paper);
        await officer.Locator("#reason").FillAsync("El jurado pidió corregir una cifra.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Reabrir la ficha" }).ClickAsync();
        await Expect(officer.Locator("main .flash.ok")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_conflict_of_interest_found_while_offline_refuses_the_queued_save_with_the_reason_and_keeps_the_jurors_values()
    {
        await using var officerContext = await Server.NewContextAsync(Phone);
        var officer = await officerContext.NewPageAsync();
        await using var context = await JurorPhoneAsync();
        var page = await context.NewPageAsync();
        try
        {
            var (sheetId, roundId, household) = await LuciosSheetAsync(last: true);
            await SignInAsync(officer, "oficial");
            await ReopenAsync(officer, $"/rounds/{roundId}/sheets/{sheetId}");
            var reopened = await SheetAsync(sheetId);

            await SignInAsync(page, "clar.42816395");
            await PrepareAsync(page);
            await context.SetOfflineAsync(true);
            await page.GotoAsync($"/judging/sheets/{sheetId}");
            await page.Locator("#Points_0").FillAsync("9");
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "kept");

            // Meanwhile the family registers its partner: Lucio's own DNI. The entry is now his own household.
            await officer.GotoAsync($"/registry/households/{household}/edit");
            await officer.Locator("#PartnerFirstNames").FillAsync("Lucio");
            await officer.Locator("#PartnerLastNames").FillAsync("Huamaní Ccahua");
            await officer.Locator("#PartnerDni").FillAsync("42816395");
            await officer.Locator("#PartnerSex input[value=M]").CheckAsync();
            await officer.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
            await Expect(officer).ToHaveURLAsync(new Regex($"/registry/households/{household}$"));

            await context.SetOfflineAsync(false);
            var conflict = page.Locator("#field-conflict");
            await Expect(conflict).ToHaveAttributeAsync("data-status", "403", new() { Timeout = 20_000 });
            await Expect(conflict.Locator("li").First).ToContainTextAsync("es su propio hogar");
            await Expect(conflict.Locator("tr[data-field='Points[0]'] td")).ToHaveTextAsync(["9"]);
            await Expect(page.Locator("#Points_0")).ToHaveValueAsync("9");
            var now = await SheetAsync(sheetId);
            Assert.Equal((SheetState.Draft, reopened.Revision, reopened.Points[0]), (now.State, now.Revision, now.Points[0]));
            // On the list too: which save was refused and why, the values typed; not sent again (the count stays).
            await page.GotoAsync("/judging");
            var refused = page.Locator($"#field-refused li[data-sheet='{sheetId}']");
            await Expect(refused).ToHaveAttributeAsync("data-status", "403");
            await Expect(refused).ToHaveAttributeAsync("data-code", "Sheet.Conflicted");
            await Expect(refused.Locator("li.error[data-code='Sheet.Conflicted']").First).ToContainTextAsync("es su propio hogar");
            await Expect(refused.Locator("p.values")).ToContainTextAsync(": 9");
            await Expect(page.Locator("#field-pending")).ToHaveAttributeAsync("data-count", "1");
            await ExpectNoHorizontalScrollAsync(page);
        }
        catch (Exception)
        {
            const string name = nameof(A_conflict_of_interest_found_while_offline_refuses_the_queued_save_with_the_reason_and_keeps_the_jurors_values);
            await SaveScreenshotAsync(officer, name + "_officer");
            await SaveScreenshotAsync(page, name);
            throw;
        }
    }

    [Fact]
    public async Task A_sheet_changed_by_an_officer_while_offline_shows_both_versions_and_signing_out_asks_then_clears_the_phone()
    {
        await using var officerContext = await Server.NewContextAsync(Phone);
        var officer = await officerContext.NewPageAsync();
        await using var context = await JurorPhoneAsync();
        var page = await context.NewPageAsync();
        try
        {
            // Lucio submitted all his sheets; the officer reopens one for him.
            var (sheetId, roundId, _) = await LuciosSheetAsync(last: false);
            var paper = $"/rounds/{roundId}/sheets/{sheetId}";
            await SignInAsync(officer, "oficial");
            await ReopenAsync(officer, paper);

            await SignInAsync(page, "clar.42816395");
            await PrepareAsync(page);
            await context.SetOfflineAsync(true);
            await page.GotoAsync($"/judging/sheets/{sheetId}");
            await page.Locator("#Points_0").FillAsync("7");
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "kept");

            // Meanwhile the officer types the paper sheet.
            await officer.GotoAsync(paper);
            await officer.Locator("#Points_0").FillAsync("3");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
            await Expect(officer.Locator("main .flash.ok")).ToBeVisibleAsync();
            var officers = await SheetAsync(sheetId);

            // Back online: refused as a conflict, both versions on the sheet, the juror's value still on the phone.
            await context.SetOfflineAsync(false);
            var conflict = page.Locator("#field-conflict");
            await Expect(conflict).ToHaveAttributeAsync("data-status", "409", new() { Timeout = 20_000 });
            var row = conflict.Locator("tr[data-field='Points[0]'] td");
            await Expect(row.Nth(0)).ToHaveTextAsync("7");
            await Expect(row.Nth(1)).ToHaveTextAsync("3");
            await Expect(page.Locator("#Points_0")).ToHaveValueAsync("7");
            Assert.Equal((officers.Revision, 3m), ((await SheetAsync(sheetId)).Revision, (await SheetAsync(sheetId)).Points[0]));
            await ExpectNoHorizontalScrollAsync(page);

            // The juror keeps theirs: sent over the officer's version.
            await conflict.Locator("button[data-choice=mine]").ClickAsync();
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "saved", new() { Timeout = 20_000 });
            var mine = await SheetAsync(sheetId);
            Assert.Equal((officers.Revision + 1, 7m), (mine.Revision, mine.Points[0]));

            // Something unsent: signing out asks first (declined: still signed in, nothing lost).
            await context.SetOfflineAsync(true);
            await page.Locator("#Points_0").FillAsync("8");
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "kept");
            var asked = new List<string>();
            var question = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Dialog += async (_, dialog) =>
            {
                asked.Add(dialog.Message);
                await dialog.DismissAsync();
                question.TrySetResult(dialog.Message);
            };
            await page.Locator("header details.menu summary").ClickAsync();
            await page.Locator("#sign-out").ClickAsync();
            Assert.Equal("Hay 1 fichas sin enviar en este teléfono. Si cierra la sesión se borrarán del teléfono. ¿Cerrar la sesión de todos modos?",
                await question.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            await Expect(page.Locator("#Points_0")).ToHaveValueAsync("8");
            Assert.EndsWith($"/judging/sheets/{sheetId}", page.Url, StringComparison.Ordinal);

            await context.SetOfflineAsync(false);
            await Expect(page.Locator("#save-status")).ToHaveAttributeAsync("data-local", "saved", new() { Timeout = 20_000 });
            await page.Locator("#sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
            Assert.Single(asked);
            var left = await page.EvaluateAsync<string>(@"async () => {
                const dbs = (await indexedDB.databases()).map(d => d.name);
                const caches_ = await caches.keys();
                const workers = await navigator.serviceWorker.getRegistrations();
                return [dbs.join(','), caches_.join(','), workers.length].join('|');
            }");
            Assert.Equal("||0", left);
            Assert.Equal(8m, (await SheetAsync(sheetId)).Points[0]);
        }
        catch (Exception)
        {
            const string name = nameof(A_sheet_changed_by_an_officer_while_offline_shows_both_versions_and_signing_out_asks_then_clears_the_phone);
            await SaveScreenshotAsync(officer, name + "_officer");
            await SaveScreenshotAsync(page, name);
            throw;
        }
    }
}
