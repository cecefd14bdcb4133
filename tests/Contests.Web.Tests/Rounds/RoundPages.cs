using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Rounds;

/// <summary>The round screens' forms as an officer fills them, and what their pages show.</summary>
public static partial class RoundPages
{
    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The rules form with a two-part rubric (field 20+15+15, public 25 + 12.5×2 = 100 points), prizes
    /// 600/400/200 with a participation prize of 50, and S/ 5,000 from <paramref name="sourceId"/>.
    /// </summary>
    public static List<(string, string)> Rules(int sourceId) =>
    [
        ("Parts[0].Name", "Evaluación de campo"), ("Parts[0].MinJurors", "3"), ("Parts[0].MaxJurors", "3"), ("Parts[0].Aggregation", "Mean"),
        ("Parts[0].Criteria[0].Name", "Obras de conservación"), ("Parts[0].Criteria[0].MaxPoints", "20"), ("Parts[0].Criteria[0].Weight", "1"),
        ("Parts[0].Criteria[1].Name", "Manejo del agua"), ("Parts[0].Criteria[1].MaxPoints", "15"), ("Parts[0].Criteria[1].Weight", ""),
        ("Parts[0].Criteria[2].Name", "Participación de la familia"), ("Parts[0].Criteria[2].MaxPoints", "15"), ("Parts[0].Criteria[2].Weight", "1"),
        ("Parts[1].Name", "Exposición pública"), ("Parts[1].MinJurors", "3"), ("Parts[1].MaxJurors", "5"), ("Parts[1].Aggregation", "Median"),
        ("Parts[1].Venue", "Public"),
        ("Parts[1].Criteria[0].Name", "Claridad"), ("Parts[1].Criteria[0].MaxPoints", "25"), ("Parts[1].Criteria[0].Weight", "1"),
        ("Parts[1].Criteria[1].Name", "Resultados"), ("Parts[1].Criteria[1].MaxPoints", "12.5"), ("Parts[1].Criteria[1].Weight", "2"),
        ("QualifyingScore", "70"), ("Normalize", "true"), ("Method", "FixedTiers"),
        ("Tiers[0]", "600.00"), ("Tiers[1]", "400.00"), ("Tiers[2]", "200.00"),
        ("ParticipationPrize", "50.00"), ("TieRule", "Share"), ("Overflow", "Refuse"),
        ($"Budget[{Id(sourceId)}]", "5000.00"),
    ];

    /// <summary>The fields with some values changed (or added, when the form has no such field).</summary>
    public static (string, string)[] With(IEnumerable<(string Name, string Value)> fields, params (string Name, string Value)[] changes)
    {
        var result = fields.ToList();
        foreach (var (name, value) in changes)
        {
            var i = result.FindIndex(f => f.Name == name);
            if (i < 0)
            {
                result.Add((name, value));
            }
            else
            {
                result[i] = (name, value);
            }
        }
        return [.. result];
    }

    /// <summary>
    /// Posts the rules form, with the token of the form that posts, as a browser sends it.
    /// </summary>
    public static async Task<HttpResponseMessage> SaveRulesAsync(AppClient officer, int roundId, params (string, string)[] fields)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var action = $"/rounds/{Id(roundId)}/rules/edit";
        var token = FormToken(await officer.GetPageAsync(action), action);
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await officer.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> MoveAsync(AppClient officer, int roundId, string to, bool confirmed = false) =>
        officer.PostFormAsync($"/rounds/{Id(roundId)}", $"/rounds/{Id(roundId)}/phase",
            confirmed ? [("to", to), ("understood", "true"), ("confirmed", "true")] : [("to", to), ("understood", "true")]);

    /// <summary>What the response says, read after it is sent: status, then the page.</summary>
    public static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}:\n{HtmlPage.Text(html)}");
        return html;
    }

    /// <summary>Asserts a redirect to exactly <paramref name="location"/> (path and query).</summary>
    public static async Task RedirectsToAsync(HttpResponseMessage response, string location)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Expected a redirect to {location}, got {response.StatusCode}:\n{HtmlPage.Text(await response.Content.ReadAsStringAsync())}");
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    /// <summary>The green message at the top of the page (after a redirect), or null.</summary>
    public static string? Flash(string html) => Match(html, "<p class=\"flash ok\" role=\"status\">([^<]*)</p>");

    /// <summary>The red message at the top of the page (TempData "Error"), or null.</summary>
    public static string? FlashError(string html) => Match(html, "<p class=\"flash error\" role=\"alert\">([^<]*)</p>");

    /// <summary>The messages of the validation summary (errors that belong to no one field, or every error where the form shows them all).</summary>
    public static List<string> Summary(string html)
    {
        var summary = Regex.Match(html, "<div class=\"errors validation-summary-errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        return summary.Success
            ? [.. Regex.Matches(summary.Groups[1].Value, "<li>([^<]*)</li>", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))]
            : [];
    }

    /// <summary>The values of the checked boxes named <paramref name="name"/>.</summary>
    public static List<string> CheckedValues(string html, string name) =>
        [.. Regex.Matches(html, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Where(m => m.Value.Contains(" checked", StringComparison.Ordinal))
            .Select(m => WebUtility.HtmlDecode(ValueAttribute().Match(m.Value).Groups[1].Value))];

    /// <summary>A table row's text, found by the text of its first cell.</summary>
    public static string? Row(string html, string firstCell)
    {
        foreach (Match row in Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1)))
        {
            var text = HtmlPage.Text(row.Groups[1].Value);
            if (text.StartsWith(firstCell + " ", StringComparison.Ordinal))
            {
                return text;
            }
        }
        return null;
    }

    /// <summary>The hidden antiforgery token of the form that posts to <paramref name="action"/> (a browser sends that one).</summary>
    public static string FormToken(string html, string action)
    {
        // The form posts there itself, or one of its buttons does (formaction: the entry page's photo upload).
        var form = Regex.Match(html, "<form method=\"post\"[^>]*action=\"" + Regex.Escape(action) + "\"[^>]*>(.*?)</form>",
            RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (!form.Success)
        {
            form = Regex.Match(html, "<form method=\"post\"[^>]*>((?:(?!</form>).)*?formaction=\"" + Regex.Escape(action) + "\".*?)</form>",
                RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }
        Assert.True(form.Success, $"The page has no form posting to {action}.");
        return AppClient.Token(form.Groups[1].Value);
    }

    private static string? Match(string html, string pattern)
    {
        var match = Regex.Match(html, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
