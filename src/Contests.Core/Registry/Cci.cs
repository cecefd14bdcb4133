using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>
/// An interbank account code (CCI): 20 digits = bank (3) + branch (3) + account (12) + two check
/// digits. The first check digit covers bank and branch, the second the account; each is the
/// Luhn-style digit over weights 1, 2, 1, 2 … from the left (a product of two digits counts as the
/// sum of its digits), i.e. (10 − Σ mod 10) mod 10.
/// </summary>
public sealed record Cci
{
    public const int Length = 20;

    private Cci(string value) => Value = value;

    public string Value { get; }

    public string BankCode => Value[..3];

    public string BranchCode => Value[3..6];

    public string AccountPart => Value[6..18];

    public static Cci? TryParse(string? input, string field, out DomainError? error)
    {
        var value = DigitCode.Clean(input, Length, "Cci", field, out error);
        if (value is null)
        {
            return null;
        }
        var first = CheckDigit(value.AsSpan(0, 6));
        if (first != DigitCode.Digit(value, 18))
        {
            error = new DomainError("Cci.FirstCheckDigit", field, first, DigitCode.Digit(value, 18));
            return null;
        }
        var second = CheckDigit(value.AsSpan(6, 12));
        if (second != DigitCode.Digit(value, 19))
        {
            error = new DomainError("Cci.SecondCheckDigit", field, second, DigitCode.Digit(value, 19));
            return null;
        }
        return new Cci(value);
    }

    public static Cci Parse(string input) =>
        TryParse(input, "Cci", out var error) ?? throw new FormatException($"Invalid CCI: {error!.Code}");

    /// <summary>Builds a valid CCI from its parts (bank 3, branch 3, account 12 digits).</summary>
    public static Cci Compose(string bank, string branch, string account)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(account);
        var head = bank + branch;
        if (head.Length != 6 || account.Length != 12 || !(head + account).All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A CCI needs a 3-digit bank, a 3-digit branch and a 12-digit account.");
        }
        return Parse(string.Concat(head, account, CheckDigit(head).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CheckDigit(account).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>"002-193-001234567890-12", the way banks print it.</summary>
    public string Formatted => $"{Value[..3]}-{Value[3..6]}-{Value[6..18]}-{Value[18..]}";

    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var product = (digits[i] - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product >= 10 ? product - 9 : product;
        }
        return (10 - (sum % 10)) % 10;
    }

    public override string ToString() => Value;
}
