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
}
