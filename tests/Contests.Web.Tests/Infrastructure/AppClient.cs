using System.Net;
using System.Text.RegularExpressions;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>A browser-like client: keeps cookies, follows no redirects, posts forms with their antiforgery token.</summary>
public sealed partial class AppClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Loads the page with the form, then posts the fields with the antiforgery token a browser would
    /// send: the one inside the (POST) form that posts to <paramref name="action"/> (a browser sends only that
    /// form's fields). When the page has no such form — a test forging a post — any token of the page.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var page = await GetPageAsync(formPage);
        var form = Regex.Match(page, "<form(?=[^>]*method=\"post\")[^>]*action=\"" + Regex.Escape(WebUtility.HtmlEncode(action)) + "\"[^>]*>(.*?)</form>",
            RegexOptions.Singleline | RegexOptions.CultureInvariant);
        var token = form.Success
            ? Token(form.Groups[1].Value, $"The form posting to {action} on {formPage} has no antiforgery token: a browser's post would be refused.")
            : Token(page);
        var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, params (string Name, string Value)[] fields) =>
        PostFormAsync(url, url, fields);

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var response = await PostFormAsync("/account/login", ("UserName", userName), ("Password", password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Sign-in of {userName} failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public static string Token(string html, string? failure = null)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, failure ?? "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
