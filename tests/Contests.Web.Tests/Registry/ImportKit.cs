using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

/// <summary>One line of the problem table an import page shows.</summary>
public sealed record ShownProblem(int Row, string Column, string Message);

/// <summary>
/// What the import tests share: the territory they import into (the test database has no demo data),
/// CSV files built in memory, the upload a browser makes, and a look at what was written.
/// </summary>
public static partial class ImportKit
{
    public const string DistrictUbigeo = "030101";
    public const string CommunityName = "Huayllabamba";

    public static readonly string HouseholdsHeader = string.Join(",", ImportLayouts.Households.Select(c => c.Header));

    private static readonly string[] FirstNames = ["Juana Rosa", "María", "Teodora", "Celia", "Rosa Elvira"];
    private static readonly string[] LastNames = ["Quispe Mamani", "Huamán Ccori", "Ñaupa Puma", "Condori Choque"];

    /// <summary>Apurímac › Abancay › Abancay and its community Huayllabamba; returns the community's id.</summary>
    public static async Task<int> SeedTerritoryAsync(ContestsApp app)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        db.Departments.Add(new Department("03", "Apurímac"));
        db.Provinces.Add(new Province("0301", "Abancay"));
        db.Districts.Add(District.Create(Ubigeo.Parse(DistrictUbigeo), "Abancay"));
        var community = Community.Create(new CommunityDetails(CommunityName, Ubigeo.Parse(DistrictUbigeo), null),
            app.Clock.GetUtcNow().UtcDateTime);
        db.Communities.Add(community);
        await db.SaveChangesAsync();
        return community.Id;
    }

    /// <summary>Registers a household the way the register form does (domain object, EF, audited).</summary>
    public static async Task<Household> RegisterHouseholdAsync(ContestsApp app, int communityId, HouseholdInput input)
    {
        var details = Parse(app, input);
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var household = Household.Register(details, communityId, app.Clock.GetUtcNow().UtcDateTime);
        db.Households.Add(household);
        await db.SaveChangesAsync();
        return household;
    }

    public static HouseholdDetails Parse(ContestsApp app, HouseholdInput input)
    {
        var errors = new List<DomainError>();
        var details = HouseholdDetails.Parse(input, app.Clock.GetUtcNow().Year, errors);
        Assert.True(details is not null, "Test data is invalid: " + string.Join(", ", errors.Select(e => e.Code)));
        return details;
    }

    public static async Task<T> QueryAsync<T>(ContestsApp app, Func<ContestsDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    public static async Task<int> UserIdAsync(ContestsApp app, string userName) =>
        await QueryAsync(app, db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>What an import leaves behind: households, memberships, import records, their audit records, all audit records.</summary>
    public static Task<(int Households, int Memberships, int Imports, int ImportAudits, int Audits)> CountsAsync(ContestsApp app) =>
        QueryAsync(app, async db => (
            await db.Households.CountAsync(),
            await db.HouseholdMemberships.CountAsync(),
            await db.Imports.CountAsync(),
            await db.AuditRecords.CountAsync(a => a.EntityType == nameof(ImportRecord)),
            await db.AuditRecords.CountAsync()));

    /// <summary>One household row in template column order (see <see cref="ImportLayouts.Households"/>).</summary>
    public static string[] HouseholdLine(string dni, string firstNames = "Juana Rosa", string lastNames = "Quispe Mamani", string sex = "F",
        string birthYear = "1980", string partnerFirstNames = "", string partnerLastNames = "", string partnerDni = "", string partnerSex = "",
        string members = "3", string phone = "", string community = CommunityName, string ubigeo = DistrictUbigeo) =>
        [community, ubigeo, firstNames, lastNames, dni, sex, birthYear, partnerFirstNames, partnerLastNames, partnerDni, partnerSex, members, phone];

    /// <summary>
    /// The <paramref name="index"/>-th of many valid, distinct households: every other one with a partner,
    /// every third with a phone, both sexes, a spread of birth years and sizes.
    /// </summary>
    public static string[] GeneratedHousehold(int index)
    {
        var withPartner = index % 2 == 0;
        return HouseholdLine(
            dni: (10_000_000 + index).ToString(CultureInfo.InvariantCulture),
            firstNames: FirstNames[index % FirstNames.Length],
            lastNames: LastNames[index % LastNames.Length],
            sex: index % 3 == 0 ? "M" : "F",
            birthYear: (1940 + (index % 60)).ToString(CultureInfo.InvariantCulture),
            partnerFirstNames: withPartner ? "Pedro" : "",
            partnerLastNames: withPartner ? "Huamán Ccori" : "",
            partnerDni: withPartner ? (20_000_000 + index).ToString(CultureInfo.InvariantCulture) : "",
            partnerSex: withPartner ? (index % 3 == 0 ? "F" : "M") : "",
            members: ((withPartner ? 2 : 1) + (index % 5)).ToString(CultureInfo.InvariantCulture),
            phone: index % 3 == 0 ? "983" + (index % 1_000_000).ToString("D6", CultureInfo.InvariantCulture) : "");
    }

    /// <summary>A CSV text: the header line, then each row, fields quoted where needed, CRLF as Excel writes.</summary>
    public static string Csv(string header, IEnumerable<string[]> rows, char delimiter = ',')
    {
        var csv = new StringBuilder(header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(delimiter, row.Select(ImportLayouts.Quote)).Append("\r\n");
        }
        return csv.ToString();
    }

    public static string HouseholdsCsv(params string[][] rows) => Csv(HouseholdsHeader, rows);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Uploads a file as the import page's form does: multipart, with the kind, the file and the
    /// antiforgery token of that form.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadAsync(AppClient client, ImportKind kind, byte[] file, string fileName = "archivo.csv")
    {
        var page = await client.GetPageAsync("/registry/import");
        var form = FormPattern().Match(page);
        Assert.True(form.Success, "The import page has no form posting to /registry/import.");
        return await PostAsync(client, AppClient.Token(form.Groups[1].Value), kind, file, fileName);
    }

    /// <summary>The multipart post itself, with whatever token the caller has (a forged post takes one from another page).</summary>
    public static async Task<HttpResponseMessage> PostAsync(AppClient client, string token, ImportKind kind, byte[] file, string fileName)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent(kind.ToString()), "kind");
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(fileContent, "file", fileName);
        return await client.Http.PostAsync(new Uri("/registry/import", UriKind.Relative), content);
    }

    /// <summary>Uploads a file that must be refused: 422 and the page's problem table.</summary>
    public static async Task<(string Html, IReadOnlyList<ShownProblem> Problems)> RefusedAsync(AppClient client, ImportKind kind, byte[] file,
        string fileName = "archivo.csv")
    {
        var response = await UploadAsync(client, kind, file, fileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}:\n{Excerpt(html)}");
        return (html, Problems(html));
    }

    /// <summary>Uploads a file that must be imported: 200, the "imported" message, and no problem table.</summary>
    public static async Task<string> ImportedAsync(AppClient client, ImportKind kind, byte[] file, string fileName = "archivo.csv")
    {
        var response = await UploadAsync(client, kind, file, fileName);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && html.Contains("Se importaron ", StringComparison.Ordinal),
            $"Expected the import to succeed, got {(int)response.StatusCode}:\n" + string.Join("\n", Problems(html).Take(20)) + "\n" + Excerpt(html));
        Assert.Empty(Problems(html));
        return html;
    }

    public static IReadOnlyList<ShownProblem> Problems(string html) =>
        [.. ProblemPattern().Matches(html).Select(m => new ShownProblem(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value)))];

    /// <summary>The page's text without markup, for messages that wrap or carry encoded characters.</summary>
    public static string PageText(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, " "));

    private static string Excerpt(string html) => html.Length > 3000 ? html[..3000] : html;

    [GeneratedRegex("<form[^>]*action=\"/registry/import\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<tr><td data-label=\"[^\"]*\">(\\d+)</td><td data-label=\"[^\"]*\">(.*?)</td><td data-label=\"[^\"]*\" class=\"stack\">(.*?)</td></tr>",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ProblemPattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
