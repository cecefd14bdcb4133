using System.Globalization;
using System.Text;
using QRCoder;

namespace Contests.Web.Features.Shared;

/// <summary>
/// A QR code as inline SVG for pages that get printed (the juror's hand-over slip): one path of dark
/// runs in module units, no image request, no script. The PDFs draw theirs with PDFsharp.
/// </summary>
public static class QrSvg
{
    /// <summary>The SVG element (with a title for screen readers) encoding <paramref name="data"/>.</summary>
    public static string Render(string data, string title, int pixels = 160)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(title);
        using var qr = QRCodeGenerator.GenerateQrCode(data, QRCodeGenerator.ECCLevel.M);
        var matrix = qr.ModuleMatrix;
        var n = matrix.Count;
        var path = new StringBuilder(n * 16);
        for (var r = 0; r < n; r++)
        {
            var c = 0;
            while (c < n)
            {
                if (!matrix[r][c])
                {
                    c++;
                    continue;
                }
                var start = c;
                while (c < n && matrix[r][c])
                {
                    c++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{start} {r}h{c - start}v1h-{c - start}z");
            }
        }
        var text = System.Net.WebUtility.HtmlEncode(title);
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" width=\"{pixels}\" height=\"{pixels}\" role=\"img\" aria-label=\"{text}\" shape-rendering=\"crispEdges\"><title>{text}</title><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>");
    }
}
