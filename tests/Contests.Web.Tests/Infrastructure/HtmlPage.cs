using System.Net;
using System.Text.RegularExpressions;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>Reads what a person would see on a rendered page: its text, a field's message, an input's value.</summary>
public static partial class HtmlPage
{
    /// <summary>The page's text without tags, whitespace collapsed, entities decoded.</summary>
    public static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    /// <summary>The message shown next to a field (the element with id "{field}-error"), or null when there is none.</summary>
    public static string? ErrorOf(string html, string field)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(Contests.Web.Features.Shared.FieldIds.ErrorOf(field))}\">([^<]*)<", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The value of the text input named <paramref name="name"/>, or null when it has none.</summary>
    public static string? InputValue(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(input.Success, $"The page has no input named {name}.");
        var value = ValueAttribute().Match(input.Value);
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    /// <summary>The value of the radio button checked in group <paramref name="name"/>, or null.</summary>
    public static string? CheckedValue(string html, string name)
    {
        foreach (Match input in Regex.Matches(html, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            if (input.Value.Contains(" checked", StringComparison.Ordinal))
            {
                return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
            }
        }
        return null;
    }

    /// <summary>The text from <paramref name="startMarker"/> up to <paramref name="endMarker"/> (or the end), tags removed.</summary>
    public static string SectionText(string html, string startMarker, string endMarker)
    {
        var start = html.IndexOf(startMarker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no «{startMarker}».");
        var end = html.IndexOf(endMarker, start + startMarker.Length, StringComparison.Ordinal);
        return Text(end < 0 ? html[start..] : html[start..end]);
    }

    /// <summary>The texts of the links to "{pathPrefix}/{number}", in page order (e.g. the rows of a list).</summary>
    public static List<string> LinksTo(string html, string pathPrefix) =>
        [.. Regex.Matches(html, $"<a href=\"{Regex.Escape(pathPrefix)}/\\d+\">([^<]+)</a>", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
