using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>
/// The shared first step of every numeric identifier: people write "002-193-…" or paste with spaces,
/// so separators are dropped; then the length and the digits are checked, each with its own message.
/// </summary>
internal static class DigitCode
{
    public static string? Clean(string? input, int length, string kind, string field, out DomainError? error)
    {
        error = null;
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            error = new DomainError($"{kind}.Required", field);
            return null;
        }
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '.' or '\u00A0')
            {
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                error = new DomainError($"{kind}.NotDigits", field, c.ToString());
                return null;
            }
            if (count == buffer.Length)
            {
                error = new DomainError($"{kind}.Length", field, length, text.Length);
                return null;
            }
            buffer[count++] = c;
        }
        if (count != length)
        {
            error = new DomainError($"{kind}.Length", field, length, count);
            return null;
        }
        return new string(buffer[..count]);
    }

    public static int Digit(string code, int index) => code[index] - '0';
}
