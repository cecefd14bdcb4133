using System.Globalization;
using System.Text;
using Contests.Core.Common;

namespace Contests.Core.Accounts;

/// <summary>
/// What a password must be. Length matters more than symbols (NIST SP 800-63B), so the rule is a
/// minimum length and a maximum that keeps hashing cheap, and — as the same guideline asks — not a
/// password an attacker tries first: not repeated or sequential characters ("aaaaaaaaaaaa",
/// "123456789012", "abcdefghijkl"), not one of the most common passwords (the list shipped in
/// <c>CommonPasswords.txt</c>, also with digits or symbols added at the end), and not built from the
/// person's own user name, name or DNI.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>Fewer different characters than this make a password predictable, whatever its length.</summary>
    public const int MinDistinctCharacters = 5;

    /// <summary>What is left of a password once the person's names are taken out must be at least this long.</summary>
    private const int MinLengthBesidesPersonalData = 6;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Checks a new password for the user who will hold it.</summary>
    /// <param name="password">The password as typed.</param>
    /// <param name="userName">The account's sign-in name (a juror's <c>clar.&lt;DNI&gt;</c> carries the DNI).</param>
    /// <param name="displayName">The person's name, when known.</param>
    /// <param name="dni">The person's DNI, when known.</param>
    public static Result Check(string? password, string userName, string? displayName = null, string? dni = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Result.Fail(new DomainError("Password.Required", "Password"));
        }
        if (password.Length < MinLength)
        {
            return Result.Fail(new DomainError("Password.TooShort", "Password", MinLength));
        }
        if (password.Length > MaxLength)
        {
            return Result.Fail(new DomainError("Password.TooLong", "Password", MaxLength));
        }
        var errors = new List<DomainError>();
        if (string.Equals(password.Trim(), (userName ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new DomainError("Password.SameAsUserName", "Password"));
        }
        else if (IsPersonal(password, userName ?? string.Empty, displayName, dni))
        {
            errors.Add(new DomainError("Password.Personal", "Password"));
        }
        if (IsPredictable(password))
        {
            errors.Add(new DomainError("Password.Predictable", "Password", MinDistinctCharacters));
        }
        else if (IsCommon(password))
        {
            errors.Add(new DomainError("Password.Common", "Password"));
        }
        return Result.Fail(errors);
    }

    /// <summary>
    /// Repeated or sequential characters: fewer than <see cref="MinDistinctCharacters"/> different ones,
    /// or at least three quarters of the steps from one character to the next repeating it or moving one
    /// up or down (a, b, c…; 9 then 0 counts as a step of a digit run).
    /// </summary>
    internal static bool IsPredictable(string password)
    {
        var text = password.ToLowerInvariant();
        if (text.Distinct().Count() < MinDistinctCharacters)
        {
            return true;
        }
        var steps = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var delta = text[i] - text[i - 1];
            var digitWrap = char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i - 1]) && Math.Abs(delta) == 9;
            if (Math.Abs(delta) <= 1 || digitWrap)
            {
                steps++;
            }
        }
        return steps * 4 >= (text.Length - 1) * 3;
    }

    /// <summary>
    /// On the list of common passwords, as typed (in any case) or once the digits and symbols at its end are
    /// taken off ("Password2026!" is "password").
    /// </summary>
    internal static bool IsCommon(string password)
    {
        var text = password.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormC);
        if (Common.Value.Contains(text))
        {
            return true;
        }
        var stem = text.TrimEnd().AsSpan();
        while (stem.Length > 0 && !char.IsLetter(stem[^1]))
        {
            stem = stem[..^1];
        }
        return stem.Length >= 4 && stem.Length < text.Length && Common.Value.Contains(stem.ToString());
    }

    /// <summary>
    /// Built from the person's own data: it contains the user name or the DNI (a juror's user name carries it),
    /// or little is left once their user name, the words of their name and their DNI are taken out
    /// ("RosaQuispe1990" for Rosa Quispe). Compared without case, accents, spaces or punctuation.
    /// </summary>
    internal static bool IsPersonal(string password, string userName, string? displayName, string? dni)
    {
        var text = Letters(password);
        var name = Letters(userName);
        var numbers = DigitRuns(userName).Concat(DigitRuns(dni ?? string.Empty)).Where(d => d.Length >= 6).Distinct().ToList();
        if ((name.Length >= 3 && text.Contains(name, StringComparison.Ordinal)) ||
            numbers.Exists(d => text.Contains(d, StringComparison.Ordinal)))
        {
            return true;
        }
        var words = Words(userName).Concat(Words(displayName ?? string.Empty)).Concat(numbers)
            .Where(w => w.Length >= 3).Distinct().OrderByDescending(w => w.Length).ToList();
        var rest = text;
        foreach (var word in words)
        {
            rest = rest.Replace(word, string.Empty, StringComparison.Ordinal);
        }
        return rest.Length < text.Length && rest.Length < MinLengthBesidesPersonalData;
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '.', '-', '_', ',', '\'', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Letters);

    private static IEnumerable<string> DigitRuns(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && char.IsAsciiDigit(text[i]);
            if (digit && start < 0)
            {
                start = i;
            }
            else if (!digit && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Lower case, accents removed, letters and digits only.</summary>
    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Contests.Core.Accounts.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in Contests.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Normalize(NormalizationForm.FormC));
            }
        }
        return set;
    }

    /// <summary>How many passwords the shipped list holds (for tests and the README).</summary>
    internal static int CommonCount => Common.Value.Count;
}
