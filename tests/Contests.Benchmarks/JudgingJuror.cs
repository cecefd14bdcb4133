using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Contests.Benchmarks;

/// <summary>What a timed request was.</summary>
internal enum RequestKind
{
    /// <summary>An autosave of a draft with a new save id.</summary>
    Autosave,

    /// <summary>The same body again, same save id (the answer was "lost"): must be acknowledged without a new revision.</summary>
    AutosaveRetry,

    /// <summary>The final submit of a sheet (<c>submit=true</c>) with a new save id.</summary>
    Submit,

    /// <summary>The same submit again, same save id.</summary>
    SubmitRetry,
}

/// <summary>One timed request: when it started and ended (<see cref="Stopwatch"/> ticks), its status (0 = no answer), and what went wrong if anything.</summary>
internal readonly record struct Sample(RequestKind Kind, long Start, long End, int Status, string? Error)
{
    public double Milliseconds => (End - Start) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>What the database must hold for a sheet after the run, from what the client sent and was told.</summary>
internal sealed record SheetExpectation(int Revision, IReadOnlyList<decimal?> Points, IReadOnlyList<decimal?> Achieved, string? Comments, Guid? LastSaveId,
    bool Resynced);

/// <summary>How the jurors behave: think time between saves, how often a save is repeated, the seed of their randomness.</summary>
internal sealed record JurorPlan(double ThinkMinSeconds, double ThinkMaxSeconds, int RetryEvery, int Seed);

/// <summary>
/// One virtual juror on a phone: their own <see cref="HttpClient"/> (own cookies, own connection), signs in, lists
/// their sheets, opens each, then types and autosaves as <c>wwwroot/js/sheet.js</c> does — one save at a time, each
/// with a new save id and the revision the last answer gave, posted as <c>multipart/form-data</c> like the page's
/// <c>FormData</c>, <c>Accept: application/json</c> — with a think time between saves; every
/// <see cref="JurorPlan.RetryEvery"/>-th save is sent a second time with the same body and save id, as the page
/// does when an answer is lost. At the end the juror submits every sheet (<c>submit=true</c> on the same endpoint).
/// Every autosave and submit is timed from before the request to the end of the answer's body.
/// </summary>
internal sealed partial class JudgingJuror : IDisposable
{
    private static readonly Uri LoginUrl = new("/account/login", UriKind.Relative);
    private static readonly Uri ListUrl = new("/judging", UriKind.Relative);

    private readonly SeededJuror _seed;
    private readonly JurorPlan _plan;
    private readonly HttpClient _client;
    private readonly Random _random;
    private readonly List<Sheet> _sheets;
    private readonly List<Sample> _samples = new(64);
    private readonly List<(long Start, long End)> _pageOpens = [];
    private string _token = string.Empty;
    private int _saves;

    public JudgingJuror(SeededJuror seed, Uri baseAddress, JurorPlan plan)
    {
        _seed = seed;
        _plan = plan;
        _random = new Random(HashCode.Combine(plan.Seed, seed.Index));
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            // A browser asks for compressed answers; the app compresses JSON (UseResponseCompression).
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _sheets = [.. seed.Sheets.Select(s => new Sheet(s))];
    }

    public IReadOnlyList<Sample> Samples => _samples;

    /// <summary>The sheet page GETs made while opening the sheets (before the clock; reported, not in the targets).</summary>
    public IReadOnlyList<(long Start, long End)> PageOpens => _pageOpens;

    public void Dispose() => _client.Dispose();

    /// <summary>Signs in (at most <paramref name="gate"/>'s count at once: password hashing), lists the sheets, opens each.</summary>
    public async Task PrepareAsync(SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await SignInAsync(ct);
        }
        finally
        {
            gate.Release();
        }
        var list = await GetPageAsync(ListUrl, ct);
        var listed = SheetLinkPattern().Matches(list).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
        var seeded = _sheets.Select(s => s.Seed.SheetId).Order().ToList();
        if (!listed.SequenceEqual(seeded))
        {
            throw new BenchmarkCheckException(Invariant($"{_seed.UserName}: /judging lists sheets {string.Join(",", listed)}, the seed gave {string.Join(",", seeded)}."));
        }
        foreach (var sheet in _sheets)
        {
            await OpenAsync(sheet, ct);
        }
    }

    /// <summary>
    /// Autosaves until <paramref name="autosaveUntil"/> (a <see cref="Stopwatch"/> timestamp), then submits every sheet.
    /// </summary>
    public async Task RunAsync(long autosaveUntil, CancellationToken ct)
    {
        var current = _seed.Index % _sheets.Count; // jurors don't all start on their first sheet
        var savesHere = 0;
        var target = _random.Next(2, 6);
        while (true)
        {
            await ThinkAsync(ct);
            if (Stopwatch.GetTimestamp() >= autosaveUntil)
            {
                break;
            }
            var sheet = _sheets[current];
            Type(sheet);
            await SaveAsync(sheet, submit: false, ct);
            if (++savesHere >= target)
            {
                current = (current + 1) % _sheets.Count;
                savesHere = 0;
                target = _random.Next(2, 6);
            }
        }
        for (var k = 0; k < _sheets.Count; k++)
        {
            var sheet = _sheets[(current + k) % _sheets.Count];
            await ThinkAsync(ct);
            Complete(sheet);
            await SaveAsync(sheet, submit: true, ct);
        }
    }

    public IEnumerable<KeyValuePair<int, SheetExpectation>> Expectations() =>
        _sheets.Select(s => KeyValuePair.Create(s.Seed.SheetId,
            new SheetExpectation(s.Applied, [.. s.SavedPoints], [.. s.SavedAchieved], s.SavedComments, s.LastSaveId, s.Resynced)));

    /// <summary>Applied saves (autosaves and submits that made a new revision), repeated saves, sheets re-read after an error.</summary>
    public (int Applied, int Repeated, int Resynced) Counts =>
        (_sheets.Sum(s => s.Applied), _samples.Count(s => s.Kind is RequestKind.AutosaveRetry or RequestKind.SubmitRetry), _sheets.Count(s => s.Resynced));

    private async Task SignInAsync(CancellationToken ct)
    {
        var page = await GetPageAsync(LoginUrl, ct);
        var token = TokenOf(page) ?? throw new BenchmarkCheckException("the sign-in page has no __RequestVerificationToken input.");
        using var form = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("UserName", _seed.UserName),
            KeyValuePair.Create("Password", _seed.Password),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]);
        using var response = await _client.PostAsync(LoginUrl, form, ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchmarkCheckException(Invariant($"sign-in as {_seed.UserName} returned {(int)response.StatusCode}, expected 302."));
        }
    }

    /// <summary>The sheet page, as the juror opens it: its antiforgery token, the revision it shows, its fields.</summary>
    private async Task OpenAsync(Sheet sheet, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var html = await GetPageAsync(new Uri(Invariant($"/judging/sheets/{sheet.Seed.SheetId}"), UriKind.Relative), ct);
        _pageOpens.Add((start, Stopwatch.GetTimestamp()));
        _token = TokenOf(html) ?? throw new BenchmarkCheckException(Invariant($"sheet {sheet.Seed.SheetId}: no __RequestVerificationToken on its page."));
        var revision = RevisionPattern().Match(html);
        var points = PointsPattern().Count(html);
        var achieved = AchievedPattern().Count(html);
        if (!revision.Success || points != sheet.Seed.MaxPoints.Count || achieved != sheet.Seed.AchievedCount || !html.Contains("data-autosave=", StringComparison.Ordinal))
        {
            throw new BenchmarkCheckException(Invariant(
                $"sheet {sheet.Seed.SheetId}: the page shows {points} criteria and {achieved} baseline items (seeded {sheet.Seed.MaxPoints.Count} and {sheet.Seed.AchievedCount}), revision {(revision.Success ? revision.Groups[1].Value : "none")}, autosave {html.Contains("data-autosave=", StringComparison.Ordinal)}."));
        }
        sheet.Revision = int.Parse(revision.Groups[1].Value, CultureInfo.InvariantCulture);
        if (sheet.Revision != 0)
        {
            throw new BenchmarkCheckException(Invariant($"sheet {sheet.Seed.SheetId}: opened at revision {sheet.Revision}, expected a fresh sheet (0)."));
        }
    }

    private async Task<string> GetPageAsync(Uri url, CancellationToken ct)
    {
        using var response = await _client.GetAsync(url, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkCheckException(Invariant($"{_seed.UserName}: GET {url} returned {(int)response.StatusCode}, expected 200."));
        }
        return html;
    }

    private Task ThinkAsync(CancellationToken ct) =>
        Task.Delay(TimeSpan.FromSeconds(_plan.ThinkMinSeconds + (_random.NextDouble() * (_plan.ThinkMaxSeconds - _plan.ThinkMinSeconds))), ct);

    /// <summary>The juror changes one or two things: a criterion's points, what was achieved, or the comment.</summary>
    private void Type(Sheet sheet)
    {
        for (var n = _random.Next(1, 3); n > 0; n--)
        {
            var what = _random.Next(10);
            if (what < 7)
            {
                var i = _random.Next(sheet.Points.Length);
                sheet.Points[i] = Points(sheet.Seed.MaxPoints[i]);
            }
            else if (what < 9 && sheet.Achieved.Length > 0)
            {
                sheet.Achieved[_random.Next(sheet.Achieved.Length)] = _random.Next(0, 601);
            }
            else
            {
                sheet.Comments = Comments[_random.Next(Comments.Length)] + Invariant($" (nota {sheet.Applied + 1})");
            }
        }
    }

    /// <summary>Before submitting: every criterion has its points (a submit needs them all).</summary>
    private void Complete(Sheet sheet)
    {
        for (var i = 0; i < sheet.Points.Length; i++)
        {
            sheet.Points[i] ??= Points(sheet.Seed.MaxPoints[i]);
        }
    }

    /// <summary>Whole points mostly, a half now and then — typed "12,5" on a Spanish keyboard one time in three.</summary>
    private (decimal Value, string Text) Points(decimal max)
    {
        var value = _random.Next(0, (int)max + 1);
        if (value < max && _random.Next(4) == 0)
        {
            var half = value + 0.5m;
            var text = half.ToString("0.0", CultureInfo.InvariantCulture);
            return (half, _random.Next(3) == 0 ? text.Replace('.', ',') : text);
        }
        return (value, value.ToString(CultureInfo.InvariantCulture));
    }

    private async Task SaveAsync(Sheet sheet, bool submit, CancellationToken ct)
    {
        var saveId = Guid.NewGuid();
        var sent = sheet.Revision;
        var fields = Fields(sheet, saveId, sent, submit);
        var first = await PostAsync(sheet, fields, submit ? RequestKind.Submit : RequestKind.Autosave, sent + 1, submit, ct);
        if (first is null)
        {
            await ResyncAsync(sheet, ct);
            return;
        }
        sheet.Revision = first.Value;
        sheet.Applied++;
        sheet.LastSaveId = saveId;
        sheet.SavedPoints = [.. sheet.Points.Select(p => p?.Value)];
        sheet.SavedAchieved = [.. sheet.Achieved.Select(a => (decimal?)a)];
        sheet.SavedComments = sheet.Comments;
        if (++_saves % _plan.RetryEvery == 0)
        {
            // The answer "got lost": the page sends the same body, same save id. It must be acknowledged, not applied again.
            var again = await PostAsync(sheet, fields, submit ? RequestKind.SubmitRetry : RequestKind.AutosaveRetry, sheet.Revision, submit, ct);
            if (again is null)
            {
                await ResyncAsync(sheet, ct);
            }
        }
    }

    /// <returns>The revision the answer gave, or null when the answer was anything but the expected 200 (recorded as an error).</returns>
    private async Task<int?> PostAsync(Sheet sheet, List<KeyValuePair<string, string>> fields, RequestKind kind, int expectedRevision, bool submit,
        CancellationToken ct)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            var part = new StringContent(value);
            part.Headers.ContentType = null; // a browser's FormData sends text fields without a type
            content.Add(part, name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Invariant($"/judging/sheets/{sheet.Seed.SheetId}/autosave"), UriKind.Relative))
        {
            Content = content,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var start = Stopwatch.GetTimestamp();
        int status = 0;
        string? error = null;
        int? revision = null;
        try
        {
            using var response = await _client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var end = Stopwatch.GetTimestamp();
            status = (int)response.StatusCode;
            (revision, error) = Check(response.StatusCode, body, expectedRevision, submit);
            _samples.Add(new Sample(kind, start, end, status, error));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            error = e.GetType().Name + ": " + e.Message;
            _samples.Add(new Sample(kind, start, Stopwatch.GetTimestamp(), status, error));
        }
        return error is null ? revision : null;
    }

    private static (int? Revision, string? Error) Check(HttpStatusCode status, string body, int expectedRevision, bool submit)
    {
        if (status != HttpStatusCode.OK)
        {
            return (null, Invariant($"HTTP {(int)status}: {(body.Length > 200 ? body[..200] : body)}"));
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var ok = root.GetProperty("ok").GetBoolean();
            var revision = root.GetProperty("revision").GetInt32();
            var state = root.GetProperty("state").GetString();
            var wantState = submit ? "Submitted" : "Draft";
            return ok && revision == expectedRevision && state == wantState
                ? (revision, null)
                : (null, Invariant($"200 but ok={ok}, revision {revision} (expected {expectedRevision}), state {state} (expected {wantState})"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, "200 with an unreadable answer: " + (body.Length > 200 ? body[..200] : body));
        }
    }

    /// <summary>
    /// After an error the client no longer knows what the server holds: it reads the sheet page again (as a juror would
    /// reload) and trusts its revision. The run has failed already (errors must be zero); the sheet is flagged.
    /// </summary>
    private async Task ResyncAsync(Sheet sheet, CancellationToken ct)
    {
        sheet.Resynced = true;
        try
        {
            var html = await GetPageAsync(new Uri(Invariant($"/judging/sheets/{sheet.Seed.SheetId}"), UriKind.Relative), ct);
            var revision = RevisionPattern().Match(html);
            if (revision.Success)
            {
                sheet.Revision = int.Parse(revision.Groups[1].Value, CultureInfo.InvariantCulture);
                sheet.Applied = sheet.Revision;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or BenchmarkCheckException && !ct.IsCancellationRequested)
        {
            // the next save will tell
        }
    }

    /// <summary>The form as the page's <c>FormData</c> has it (document order), then <c>submit</c>.</summary>
    private List<KeyValuePair<string, string>> Fields(Sheet sheet, Guid saveId, int revision, bool submit)
    {
        var fields = new List<KeyValuePair<string, string>>(12)
        {
            KeyValuePair.Create("SaveId", saveId.ToString()),
            KeyValuePair.Create("Revision", revision.ToString(CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < sheet.Achieved.Length; i++)
        {
            fields.Add(KeyValuePair.Create(Invariant($"Achieved[{i}]"), sheet.Achieved[i]?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
        }
        for (var i = 0; i < sheet.Points.Length; i++)
        {
            fields.Add(KeyValuePair.Create(Invariant($"Points[{i}]"), sheet.Points[i]?.Text ?? string.Empty));
        }
        fields.Add(KeyValuePair.Create("Comments", sheet.Comments ?? string.Empty));
        fields.Add(KeyValuePair.Create("__RequestVerificationToken", _token));
        fields.Add(KeyValuePair.Create("submit", submit ? "true" : "false"));
        fields.Add(KeyValuePair.Create("Confirmed", submit ? "true" : "false")); // the tick beside *Enviar ficha*
        return fields;
    }

    private static string? TokenOf(string html)
    {
        var input = TokenInputPattern().Match(html);
        var value = input.Success ? ValuePattern().Match(input.Value) : input;
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static readonly string[] Comments =
    [
        "Terrazas bien mantenidas, falta cerco vivo",
        "La familia explicó el manejo del reservorio",
        "Buen avance; falta mantenimiento de canales",
        "Participan los hijos en la faena",
        "Riego por aspersión funcionando en dos parcelas",
    ];

    [GeneratedRegex("data-sheet=\"(\\d+)\"")]
    private static partial Regex SheetLinkPattern();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInputPattern();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("name=\"Revision\" value=\"(\\d+)\"")]
    private static partial Regex RevisionPattern();

    [GeneratedRegex("name=\"Points\\[\\d+\\]\"")]
    private static partial Regex PointsPattern();

    [GeneratedRegex("name=\"Achieved\\[\\d+\\]\"")]
    private static partial Regex AchievedPattern();

    /// <summary>The client's copy of one sheet: what is typed now, and what the last applied save held.</summary>
    private sealed class Sheet(SeededSheet seed)
    {
        public SeededSheet Seed { get; } = seed;

        public (decimal Value, string Text)?[] Points { get; } = new (decimal, string)?[seed.MaxPoints.Count];

        public int?[] Achieved { get; } = new int?[seed.AchievedCount];

        public string? Comments { get; set; }

        public int Revision { get; set; }

        /// <summary>Saves that made a new revision (autosaves and the submit).</summary>
        public int Applied { get; set; }

        public Guid? LastSaveId { get; set; }

        public IReadOnlyList<decimal?> SavedPoints { get; set; } = [.. Enumerable.Repeat<decimal?>(null, seed.MaxPoints.Count)];

        public IReadOnlyList<decimal?> SavedAchieved { get; set; } = [];

        public string? SavedComments { get; set; }

        public bool Resynced { get; set; }
    }
}
