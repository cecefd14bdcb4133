using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>
/// A taxpayer number (RUC, SUNAT): 11 digits; starts with 10 (person), 15, 16, 17 (special cases)
/// or 20 (legal entity); the last digit is a modulo-11 check digit over the first ten.
/// </summary>
public sealed record Ruc
{
    public const int Length = 11;

    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly string[] Prefixes = ["10", "15", "16", "17", "20"];

    private Ruc(string value) => Value = value;

    public string Value { get; }

    /// <summary>True for a legal entity (prefix 20), which is what organizations hold.</summary>
    public bool IsLegalEntity => Value.StartsWith("20", StringComparison.Ordinal);

    public static Ruc? TryParse(string? input, string field, out DomainError? error)
    {
        var value = DigitCode.Clean(input, Length, "Ruc", field, out error);
        if (value is null)
        {
            return null;
        }
        if (!Prefixes.Contains(value[..2]))
        {
            error = new DomainError("Ruc.Prefix", field, value[..2]);
            return null;
        }
        var expected = CheckDigit(value);
        var actual = DigitCode.Digit(value, Length - 1);
        if (expected != actual)
        {
            error = new DomainError("Ruc.CheckDigit", field, expected, actual);
            return null;
        }
        return new Ruc(value);
    }

    public static Ruc Parse(string input) =>
        TryParse(input, "Ruc", out var error) ?? throw new FormatException($"Invalid RUC: {error!.Code}");

    /// <summary>The check digit the first ten digits call for: 11 − (Σ dᵢ·wᵢ mod 11), where 10 → 0 and 11 → 1.</summary>
    public static int CheckDigit(string firstTenDigits)
    {
        ArgumentNullException.ThrowIfNull(firstTenDigits);
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += DigitCode.Digit(firstTenDigits, i) * Weights[i];
        }
        return (11 - (sum % 11)) % 10;
    }

    public override string ToString() => Value;
}
