namespace Contests.Web.Tests.Infrastructure;

public static class Redirects
{
    /// <summary>
    /// Where a response redirects to, as a path without the query ("/account/denied"), or null. The
    /// sign-in and denied redirects are absolute URLs, the app's own redirects are relative.
    /// </summary>
    public static string? PathOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.Location switch
        {
            null => null,
            { IsAbsoluteUri: true } location => location.AbsolutePath,
            var location => location.OriginalString.Split('?')[0],
        };
    }
}
