using System.Globalization;
using System.Text.RegularExpressions;

namespace Contests.Core.Tests.Common;

/// <summary>
/// Test data with characters xUnit cannot carry in [InlineData]: a lone surrogate does not survive the trip
/// through test discovery (it arrives as U+FFFD), so tests write it as "{D800}" and read it through here.
/// </summary>
public static partial class Chars
{
    public static string Of(string text) =>
        Escaped().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\{([0-9A-F]{4})\}")]
    private static partial Regex Escaped();
}
