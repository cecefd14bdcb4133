using System.Text;

namespace Contests.Web.Infrastructure.Mvc;

/// <summary>
/// ASP.NET Core's form reader throws on a URL-encoded NUL (<c>%00</c>) — before antiforgery, binding or any
/// rule could answer — and that used to surface as a misleading error page. This step, ahead of everything
/// that reads the form, takes such fields out of the body and hands them to <see cref="RefuseUnreadableText"/>,
/// which answers 400 naming them.
/// </summary>
public sealed class UnreadableFormFields(RequestDelegate next)
{
    public const string ItemKey = "Contests.UnreadableFormFields";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            string body;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }
            request.Body.Position = 0;
            if (body.Contains("%00", StringComparison.Ordinal))
            {
                var refused = new List<(string Key, string Value)>();
                var parts = body.Split('&');
                for (var i = 0; i < parts.Length; i++)
                {
                    var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
                    var key = Decode(equals < 0 ? parts[i] : parts[i][..equals]);
                    var value = equals < 0 ? string.Empty : Decode(parts[i][(equals + 1)..]);
                    if (key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
                    {
                        refused.Add((key.Replace("\0", string.Empty, StringComparison.Ordinal), value));
                        parts[i] = string.Empty;
                    }
                }
                context.Items[ItemKey] = refused;
                var clean = Encoding.UTF8.GetBytes(string.Join('&', parts.Where(p => p.Length > 0)));
                request.Body = new MemoryStream(clean);
                request.ContentLength = clean.Length;
            }
        }
        await next(context);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
