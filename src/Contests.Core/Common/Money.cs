using System.Globalization;

namespace Contests.Core.Common;

/// <summary>
/// An amount in Peruvian soles (PEN), always rounded to the céntimo. Money is never a double.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const string CurrencyCode = "PEN";
    public const string Symbol = "S/";

    private Money(decimal amount) => Amount = amount;

    /// <summary>
    /// The largest amount anyone may type: S/ 999,999,999,999.99, far above any programme and far below
    /// what the database's decimal(18,2) holds, so sums of many amounts still fit.
    /// </summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    private const int MaxWholeDigits = 12;

    public decimal Amount { get; }

    public static Money Zero { get; }

    /// <summary>Makes an amount; refuses more than two decimals rather than rounding silently.</summary>
    public static Money Of(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException($"An amount in soles has at most 2 decimals: {amount.ToString(CultureInfo.InvariantCulture)}.", nameof(amount));
        }
        return new Money(amount);
    }

    /// <summary>Rounds half away from zero to the céntimo (the usual commercial rule).</summary>
    public static Money Round(decimal amount) => new(decimal.Round(amount, 2, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount);

    public static bool operator <(Money a, Money b) => a.Amount < b.Amount;

    public static bool operator >(Money a, Money b) => a.Amount > b.Amount;

    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount;

    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    /// <summary>
    /// "S/ 1,250.00": the symbol, a space, then the number with the culture's separators and two
    /// decimals (es-PE and en both group with a comma and use a decimal point).
    /// </summary>
    public string ToString(IFormatProvider provider)
    {
        var number = Math.Abs(Amount).ToString("N2", provider);
        return Amount < 0 ? $"-{Symbol} {number}" : $"{Symbol} {number}";
    }

    public override string ToString() => ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an amount as people in Peru type it: a decimal point, optional comma thousands groups
    /// ("1,250.50"), optional "S/". A comma that is not a thousands separator ("25,50") is refused
    /// rather than guessed: read as grouping it would be 2,550, read as decimals 25.50.
    /// </summary>
    public static Money? TryParse(string? input, string field, out DomainError? error)
    {
        error = null;
        var text = (input ?? string.Empty).Trim();
        if (text.StartsWith(Symbol, StringComparison.Ordinal))
        {
            text = text[Symbol.Length..].TrimStart();
        }
        if (text.Length == 0)
        {
            error = new DomainError("Validation.Required", field, new FieldLabel(field));
            return null;
        }
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? body : body[..point];
        var decimals = point < 0 ? string.Empty : body[(point + 1)..];
        var groups = whole.Split(',');
        var wellGrouped = groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
        if (whole.Length == 0 || !whole.Replace(",", "", StringComparison.Ordinal).All(char.IsAsciiDigit) || (groups.Length > 1 && !wellGrouped)
            || !decimals.All(char.IsAsciiDigit) || (point >= 0 && decimals.Length == 0))
        {
            error = new DomainError(whole.Contains(',', StringComparison.Ordinal) && point < 0 ? "Money.DecimalComma" : "Money.Format", field, input!.Trim());
            return null;
        }
        if (decimals.Length > 2)
        {
            error = new DomainError("Money.TwoDecimals", field);
            return null;
        }
        var digits = whole.Replace(",", "", StringComparison.Ordinal).TrimStart('0');
        if (digits.Length > MaxWholeDigits)
        {
            // Checked on the digits, before parsing: 29 digits overflow even a decimal.
            error = new DomainError("Money.TooLarge", field, MaxAmount);
            return null;
        }
        var value = decimal.Parse(whole.Replace(",", "", StringComparison.Ordinal) + (decimals.Length > 0 ? "." + decimals : string.Empty),
            NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new Money(negative ? -value : value);
    }
}
