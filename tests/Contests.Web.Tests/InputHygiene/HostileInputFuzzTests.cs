using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contests.Core.Accounts;
using Contests.Core.Judging;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.InputHygiene;

/// <summary>
/// Posts every form of the app — found on the pages each role opens — with hostile text in each of its text
/// fields (NUL, a right-to-left override, emoji, stacked combining marks, 10,000 characters, a 29-digit number)
/// and checks the answer: never a 500 (nor the 404 a failed post used to look like), a message on the field,
/// and nothing written (the audit trail, which records every change, has no new record).
/// </summary>
public abstract partial class HostileInputFuzzTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    /// <summary>The hostile strings, and whether every field must refuse them (else: only never a 500, and a message when refused).</summary>
    private static readonly (string Name, string Value, bool AlwaysRefused)[] Hostile =
    [
        ("NUL (%00)", "Ro\0sa 1", true),
        ("right-to-left override", "Ro\u202Esa 1", true),
        ("10,000 characters", new string('a', 10_000), true),
        ("emoji", "Rosa 😀", false),
        ("combining marks", "Z\u0335\u0321\u031Ba\u0336l\u0338\u0322g\u0334o\u0303\u0303\u0303", false),
        ("29 digits", "12345678901234567890123456789", false),
    ];

    // Pages each role opens (with round 1 open, entry 1, sheet 1, organization 1 with account 1); every POST form on them is fuzzed.
    private static readonly (string User, string[] Pages)[] Pages =
    [
        (TestUsers.Officer,
        [
            "/registry/households/new", "/registry/households/1/edit", "/registry/households/1", "/registry/communities/new",
            "/registry/communities/1/edit", "/registry/organizations/new", "/registry/organizations/1/edit", "/registry/organizations/1",
            "/registry/accounts/1/edit", "/registry/territory", "/registry/watersheds/new", "/programme/edit", "/programme",
            "/programme/funding/new", "/programme/funding/1/edit", "/programme/contract", "/rounds/new", "/rounds/1/edit",
            "/rounds/1/rules/edit", "/rounds/1", "/rounds/1/entries/new", "/rounds/1/entries/1", "/rounds/1/lrac", "/rounds/1/lrac/1/edit",
            "/rounds/1/sheets/1", "/account/password",
        ]),
        // Another person's account: a password the administrator sets for their own (harmless text such as combining marks is
        // a valid password) is one-time and signs them out, which would end the run rather than test anything.
        (TestUsers.Admin, ["/admin/users/new", "/admin/users/{finance}"]),
        (TestUsers.Lrac, ["/judging/sheets/1"]),
    ];

    [Fact]
    public async Task EveryForm_WithHostileText_NeverA500_AMessageOnTheField_NothingWritten()
    {
        await SeedAsync();
        var finance = await new RegistryData(App).ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Finance).Select(u => u.Id).SingleAsync());
        var failures = new List<string>();
        var posted = 0;
        foreach (var (user, pages) in Pages)
        {
            using var client = await App.SignedInClientAsync(user);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var page in pages.Select(p => p.Replace("{finance}", finance.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)))
            {
                var opened = await client.GetAsync(page);
                if (opened.StatusCode != HttpStatusCode.OK)
                {
                    // A post before this one changed what the user may see (or signed them out): reported, not hidden.
                    failures.Add($"{user} GET {page}: {(int)opened.StatusCode} {opened.Headers.Location}");
                    continue;
                }
                var html = await opened.Content.ReadAsStringAsync();
                foreach (var form in Forms(html).Where(f => f.TextFields.Count > 0 && seen.Add(f.Action)))
                {
                    foreach (var (name, value, alwaysRefused) in Hostile)
                    {
                        var before = await AuditHeadAsync();
                        var response = await client.PostFormAsync(page, form.Action,
                            [.. form.Fields.Select(f => form.TextFields.Contains(f.Name) ? (f.Name, value) : f)]);
                        posted++;
                        var body = await response.Content.ReadAsStringAsync();
                        var written = (await AuditSinceAsync(before)).Any(r => !IsCountedFailedAttempt(r));
                        var status = (int)response.StatusCode;
                        var where = $"{user} POST {form.Action} (from {page}) with {name}";
                        if (status is >= 500 or 404)
                        {
                            failures.Add($"{where}: {status}");
                        }
                        else if (alwaysRefused && (written || response.StatusCode is HttpStatusCode.Redirect))
                        {
                            failures.Add($"{where}: accepted ({status}{(written ? ", written" : "")})");
                        }
                        else if (status is 200 or (>= 400 and < 500) && !HasFieldMessage(body))
                        {
                            failures.Add($"{where}: {status} without a message on a field");
                        }
                        else if (status is 200 or (>= 400 and < 500) && written)
                        {
                            failures.Add($"{where}: refused, yet written");
                        }
                        if (name == "emoji" && NamesSaved(await AuditSinceAsync(before), value) is { Count: > 0 } saved)
                        {
                            failures.Add($"{where}: an emoji name saved ({string.Join(", ", saved)})");
                        }
                        if (value.Contains('\0', StringComparison.Ordinal) && status != 400)
                        {
                            failures.Add($"{where}: {status}, not 400");
                        }
                    }
                }
            }
        }
        using (var anonymous = App.NewClient())
        {
            foreach (var (name, value, _) in Hostile)
            {
                var response = await anonymous.PostFormAsync("/account/login", ("UserName", value), ("Password", value));
                if ((int)response.StatusCode is >= 500 or 404 || response.StatusCode == HttpStatusCode.Redirect)
                {
                    failures.Add($"anonymous POST /account/login with {name}: {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(posted > 100, $"Only {posted} posts: the pages lost their forms?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posted} posts:\n" + string.Join("\n", failures));
    }

    private Task<long> AuditHeadAsync() =>
        new RegistryData(App).ReadAsync(async db => await db.AuditRecords.MaxAsync(r => (long?)r.Sequence) ?? 0);

    private Task<List<AuditRecord>> AuditSinceAsync(long sequence) =>
        new RegistryData(App).ReadAsync(db => db.AuditRecords.AsNoTracking().Where(r => r.Sequence > sequence).ToListAsync());

    /// <summary>
    /// A wrong current password on the change-password form is refused and counted towards the lockout:
    /// the user's failed-attempt count (and lockout end) changes and is audited. That record is the refusal, not a save.
    /// </summary>
    private static bool IsCountedFailedAttempt(AuditRecord record)
    {
        if (record is not { Action: "Modified", EntityType: nameof(User), After: { } after })
        {
            return false;
        }
        using var json = JsonDocument.Parse(after);
        return json.RootElement.EnumerateObject().All(p => p.Name is nameof(User.FailedSignInCount) or nameof(User.LockoutEndUtc));
    }

    /// <summary>
    /// The names of places, organizations and people a save wrote <paramref name="value"/> into (Entity.Property): emoji are
    /// allowed in free text such as notes, never in a name (<c>Text.Name</c>, <c>Text.PersonName</c>).
    /// </summary>
    private static List<string> NamesSaved(List<AuditRecord> records, string value)
    {
        var saved = new List<string>();
        foreach (var record in records.Where(r => r.After is not null))
        {
            using var json = JsonDocument.Parse(record.After!);
            saved.AddRange(json.RootElement.EnumerateObject()
                .Where(p => IsNameProperty(p.Name) && p.Value.ValueKind == JsonValueKind.String
                    && p.Value.GetString()!.Contains(value, StringComparison.Ordinal))
                .Select(p => $"{record.EntityType}.{p.Name}"));
        }
        return saved;
    }

    private static bool IsNameProperty(string property) =>
        property.EndsWith("Name", StringComparison.Ordinal) || property.EndsWith("Names", StringComparison.Ordinal)
        || property is "Funder" or "City" or "Place" or "CeremonyPlace";

    private static bool HasFieldMessage(string html) =>
        html.Contains("id=\"refused-input\"", StringComparison.Ordinal) || FieldError().IsMatch(html);

    /// <summary>Round 1 open with entry 1, LRAC member 1 (t-lrac) with sheet 1, organization 1 with bank account 1.</summary>
    private async Task SeedAsync()
    {
        var round = await OpenRound.SeedAsync(App);
        var entry = await round.RegisterAsync(App, round.Inside[0]);
        var judging = new JudgingData(App);
        var member = await judging.AddMemberAsync(round.Id, await judging.Rounds.UserIdAsync(TestUsers.Lrac), new LracMemberInput
        {
            FullName = JudgingData.LracName, Dni = JudgingData.LracDni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true,
        });
        await judging.Registry.WriteAsync(db =>
        {
            var part = db.Rounds.Single(r => r.Id == round.Id).CurrentRules!.Rules.Rubric.Parts[0];
            return db.ScoreSheets.Add(ScoreSheet.Start(entry, member.MemberId, 0, part)).Entity;
        });
        var organization = await judging.Registry.AddOrganizationAsync("Asociación Ñawpa Ayllu");
        await judging.Registry.AddAccountAsync(AccountHolderKind.Organization, organization, Cci.Compose("018", "251", "004401234567"),
            "Asociación Ñawpa Ayllu");
    }

    private sealed record Form(string Action, List<(string Name, string Value)> Fields, HashSet<string> TextFields);

    /// <summary>The page's POST forms: their action, the fields a browser would send as rendered, and which of them a person types into.</summary>
    private static List<Form> Forms(string html)
    {
        var forms = new List<Form>();
        foreach (Match form in FormTag().Matches(html))
        {
            var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
            var body = form.Groups["body"].Value;
            var fields = new List<(string, string)>();
            var text = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match input in InputTag().Matches(body))
            {
                var name = Attribute(input.Value, "name");
                var type = Attribute(input.Value, "type") ?? "text";
                if (name is null || name == "__RequestVerificationToken" || type is "submit" or "button" or "file" or "reset")
                {
                    continue;
                }
                if (type is "checkbox" or "radio" && !input.Value.Contains(" checked", StringComparison.Ordinal))
                {
                    continue;
                }
                fields.Add((name, Attribute(input.Value, "value") ?? string.Empty));
                if (type is "text" or "number" or "date" or "datetime-local" or "email" or "password" or "search" or "tel")
                {
                    text.Add(name);
                }
            }
            foreach (Match area in TextareaTag().Matches(body))
            {
                fields.Add((WebUtility.HtmlDecode(area.Groups["name"].Value), WebUtility.HtmlDecode(area.Groups["value"].Value)));
                text.Add(WebUtility.HtmlDecode(area.Groups["name"].Value));
            }
            foreach (Match select in SelectTag().Matches(body))
            {
                var options = OptionTag().Matches(select.Groups["body"].Value);
                var chosen = options.FirstOrDefault(o => o.Value.Contains(" selected", StringComparison.Ordinal)) ?? options.FirstOrDefault();
                if (chosen is not null)
                {
                    fields.Add((WebUtility.HtmlDecode(select.Groups["name"].Value), Attribute(chosen.Value, "value") ?? string.Empty));
                }
            }
            forms.Add(new Form(action, fields, text));
        }
        return forms;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form(?=[^>]*method=\"post\")[^>]*action=\"(?<action>[^\"]+)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea[^>]*\\bname=\"(?<name>[^\"]+)\"[^>]*>(?<value>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaTag();

    [GeneratedRegex("<select[^>]*\\bname=\"(?<name>[^\"]+)\"[^>]*>(?<body>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option[^>]*>")]
    private static partial Regex OptionTag();

    [GeneratedRegex("class=\"[^\"]*field-validation-error|id=\"[^\"]+-error\"|class=\"[^\"]*errors?\\b")]
    private static partial Regex FieldError();
}

public sealed class HostileInputFuzzTestsOnSqlite(SqliteApp app) : HostileInputFuzzTests<SqliteApp>(app);

public sealed class HostileInputFuzzTestsOnPostgres(PostgresApp app) : HostileInputFuzzTests<PostgresApp>(app);
