using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Contests.Web.Tests.Infrastructure;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>One problem of a refused autosave, as the sheet's script receives it.</summary>
public sealed record FieldError(string? Field, string Message);

/// <summary>The JSON answer of <c>POST /judging/sheets/{id}/autosave</c>.</summary>
public sealed record AutosaveAnswer(bool Ok, int Revision, string State, IReadOnlyList<FieldError> Errors)
{
    /// <summary>The answer without its errors: whether it was saved, the sheet's revision and state.</summary>
    [JsonIgnore]
    public (bool Ok, int Revision, string State) Outcome => (Ok, Revision, State);
}

/// <summary>What a sheet's form posts: the points as typed (criterion order), the page's save id and revision.</summary>
public sealed record SheetInput(string?[] Points, Guid SaveId, int Revision, bool Submit = false, string? Comments = null)
{
    /// <summary>What the juror found achieved, one per baseline activity of the entry (none when it has no baseline).</summary>
    public string?[] Achieved { get; init; } = [];

    /// <summary>The tick beside *Enviar ficha* (a submit needs it; a draft ignores it).</summary>
    public bool Confirmed { get; init; } = true;

    public (string Name, string Value)[] Fields() =>
    [
        .. Points.Select((p, i) => ($"Points[{i.ToString(CultureInfo.InvariantCulture)}]", p ?? "")),
        .. Achieved.Select((a, i) => ($"Achieved[{i.ToString(CultureInfo.InvariantCulture)}]", a ?? "")),
        ("Comments", Comments ?? ""),
        ("SaveId", SaveId.ToString()),
        ("Revision", Revision.ToString(CultureInfo.InvariantCulture)),
        ("submit", Submit ? "true" : "false"),
        ("Confirmed", Confirmed ? "true" : "false"),
    ];
}

/// <summary>
/// A juror signed in on one device (phone): a client with its own cookies and an antiforgery token taken
/// beforehand, so posts can be fired at the same moment (<see cref="AutosaveAsync"/>).
/// </summary>
public sealed class JurorDevice(AppClient client, string token) : IDisposable
{
    public AppClient Client { get; } = client;

    public static async Task<JurorDevice> SignInAsync(ContestsApp app, string userName)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = await app.SignedInClientAsync(userName);
        // Any page of theirs carries a token for their session (the menu's sign-out form has one).
        return new JurorDevice(client, AppClient.Token(await client.GetPageAsync("/judging")));
    }

    /// <summary>Autosaves (or, with <see cref="SheetInput.Submit"/>, submits) as the sheet's script does; the status and the JSON answer.</summary>
    public async Task<(HttpStatusCode Status, AutosaveAnswer Answer)> AutosaveAsync(int sheetId, SheetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var content = new FormUrlEncodedContent(input.Fields().Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        var response = await Client.Http.PostAsync(new Uri(JudgingPages.Sheet(sheetId) + "/autosave", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity,
            $"Autosave of sheet {sheetId}: {(int)response.StatusCode}\n{HtmlPage.Text(body)}");
        return (response.StatusCode, JsonSerializer.Deserialize<AutosaveAnswer>(body, JudgingPages.Json)!);
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>The judging screens as officers and jurors use them, and what their pages show.</summary>
public static partial class JudgingPages
{
    public const string Submitted = "La ficha ya fue enviada y está cerrada; no se guardó este cambio.";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Sheet(int sheetId) => $"/judging/sheets/{Id(sheetId)}";

    public static string PaperSheet(int roundId, int sheetId) => $"/rounds/{Id(roundId)}/sheets/{Id(sheetId)}";

    /// <summary>The message of a stale save: the revision the page showed and the sheet's.</summary>
    public static string Conflict(int seen, int now) =>
        $"La ficha cambió en otro equipo (usted veía la versión {seen}, ahora es la {now}). Vuelva a cargarla antes de seguir: no se guardó este cambio.";

    /// <summary>
    /// Fills the sheet page at <paramref name="page"/> (the juror's or the officer's paper sheet) and presses "Guardar
    /// borrador" or "Enviar ficha" (with the confirming tick unless <paramref name="confirmed"/> is false): the save id and
    /// revision are the page's own unless given.
    /// </summary>
    public static async Task<HttpResponseMessage> PostSheetAsync(AppClient client, string page, bool submit, string?[] points,
        string? comments = null, Guid? saveId = null, int? revision = null, bool confirmed = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetPageAsync(page);
        var input = new SheetInput(points, saveId ?? Guid.Parse(HtmlPage.InputValue(html, "SaveId")!),
            revision ?? int.Parse(HtmlPage.InputValue(html, "Revision")!, CultureInfo.InvariantCulture), submit, comments) { Confirmed = confirmed };
        using var content = new FormUrlEncodedContent(input.Fields().Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", FormToken(html, page))));
        return await client.Http.PostAsync(new Uri(page, UriKind.Relative), content);
    }

    /// <summary>The messages of the sheet page's error box (problems that belong to no one field: a conflict, a submitted sheet).</summary>
    public static List<string> SheetErrors(string html)
    {
        var box = Regex.Match(html, "<div class=\"errors\" role=\"alert\"><ul>(.*?)</ul></div>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return box.Success
            ? [.. Regex.Matches(box.Groups[1].Value, "<li>([^<]*)</li>", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))]
            : [];
    }

    /// <summary>A juror's list (/judging): each sheet's id and its link's text, in page order.</summary>
    public static List<(int SheetId, string Text)> MySheets(string html) =>
        [.. Regex.Matches(html, "<a href=\"/judging/sheets/(\\d+)\" class=\"sheet-link\"[^>]*>(.*?)</a>", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), HtmlPage.Text(m.Groups[2].Value)))];

    /// <summary>A juror's row of the progress board: its class ("missing" or none) and its text.</summary>
    public static (string? Class, string Text) JurorRow(string html, int memberId)
    {
        var row = Regex.Match(html, $"<tr(?: class=\"([^\"]*)\")? data-juror=\"{Id(memberId)}\">(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(row.Success, $"The progress board has no row of juror {memberId}.");
        return (row.Groups[1].Success ? row.Groups[1].Value : null, HtmlPage.Text(row.Groups[2].Value));
    }

    /// <summary>An entry's row of the progress board: its class ("missing" or none) and its text.</summary>
    public static (string? Class, string Text) EntryRow(string html, int entryId)
    {
        var row = Regex.Match(html, $"<tr(?: class=\"([^\"]*)\")? data-entry=\"{Id(entryId)}\">(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(row.Success, $"The progress board has no row of entry {entryId}.");
        return (row.Groups[1].Success ? row.Groups[1].Value : null, HtmlPage.Text(row.Groups[2].Value));
    }

    /// <summary>The ranking's entries, pool by pool: the pool's heading and each entry's text (place, score, how it came about).</summary>
    public static List<(string Pool, List<string> Entries)> Ranking(string html) =>
        [.. Regex.Matches(html, "<section class=\"card\"(?: data-pool=\"[^\"]*\")?>\\s*<h2>([^<]*)</h2>(?:(?!</section>).)*?<ol class=\"ranking\">(.*?)</ol>\\s*</section>", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
            .Select(pool => (WebUtility.HtmlDecode(pool.Groups[1].Value),
                Regex.Matches(pool.Groups[2].Value, "<li(?: class=\"[^\"]*\")? data-entry=\"\\d+\">(.*?)</details>", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
                    .Select(m => HtmlPage.Text(m.Groups[1].Value)).ToList()))];

    /// <summary>The excluded pairs of the assignment preview: entry, member, why.</summary>
    public static List<string> Exclusions(string html)
    {
        var table = Regex.Match(html, "<table class=\"list exclusions\">(.*?)</table>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return table.Success
            ? [.. Regex.Matches(table.Groups[1].Value, "<tr>\\s*<td(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Select(m => HtmlPage.Text("<td" + m.Groups[1].Value))]
            : [];
    }

    /// <summary>The assignment preview's "Fichas por jurado" list.</summary>
    public static List<string> Loads(string html)
    {
        var list = Regex.Match(html, "<ul class=\"load\">(.*?)</ul>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(list.Success, "The assignment preview has no loads.");
        return [.. Regex.Matches(list.Groups[1].Value, "<li>([^<]*)</li>", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }
}
