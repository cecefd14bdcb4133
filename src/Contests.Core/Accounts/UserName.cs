using System.Text.RegularExpressions;
using Contests.Core.Common;

namespace Contests.Core.Accounts;

/// <summary>
/// A sign-in name: 3–40 characters, lower-case letters, digits, dot, dash or underscore.
/// Stored lower-case, so "JPerez" and "jperez" are the same account.
/// </summary>
public sealed partial record UserName
{
    public const int MaxLength = 40;

    private UserName(string value) => Value = value;

    public string Value { get; }

    public static UserName? TryParse(string? input, out DomainError? error)
    {
        var value = (input ?? string.Empty).Trim().ToLowerInvariant();
        error = null;
        if (value.Length == 0)
        {
            error = new DomainError("UserName.Required", "UserName");
            return null;
        }
        if (value.Length is < 3 or > MaxLength || !Pattern().IsMatch(value))
        {
            error = new DomainError("UserName.Invalid", "UserName", 3, MaxLength);
            return null;
        }
        return new UserName(value);
    }

    public static UserName Parse(string input) =>
        TryParse(input, out var error) ?? throw new ArgumentException($"Invalid user name: {error!.Code}", nameof(input));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
