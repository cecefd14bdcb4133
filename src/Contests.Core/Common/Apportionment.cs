namespace Contests.Core.Common;

/// <summary>
/// Splits an amount of soles into shares that add up to it exactly, to the céntimo (largest remainder,
/// or Hamilton's method): each share is first rounded down to the céntimo; the céntimos left over go
/// one each to the shares with the largest remainders. Remainders are compared exactly, and equal
/// remainders go to the earlier position, so the caller decides the order of precedence by the order
/// of the weights (e.g. better place first, then lower entry number).
/// </summary>
public static class Apportionment
{
    /// <summary>
    /// Splits <paramref name="total"/> (≥ 0, at most 2 decimals) in proportion to <paramref name="weights"/>
    /// (each ≥ 0, not all 0 unless the total is 0) into <paramref name="shares"/>, which add up to the total.
    /// </summary>
    /// <remarks>Exact while total in céntimos × weight stays within decimal's 28 digits (amounts below
    /// a thousand million soles and weights with up to 6 decimals, with room to spare).</remarks>
    public static void LargestRemainder(decimal total, ReadOnlySpan<decimal> weights, Span<decimal> shares) =>
        LargestRemainder(total, weights, shares, []);

    /// <summary>
    /// The same, and <paramref name="rounding"/> (as long as the weights, or empty) says what each share got
    /// from the céntimos left over: 0.01 for a share that got one, else 0 — so the explanation can say so.
    /// </summary>
    public static void LargestRemainder(decimal total, ReadOnlySpan<decimal> weights, Span<decimal> shares, Span<decimal> rounding)
    {
        if (rounding.Length != 0 && rounding.Length != weights.Length)
        {
            throw new ArgumentException("No rounding, or one per weight.", nameof(rounding));
        }
        rounding.Clear();
        if (total < 0 || decimal.Round(total, 2) != total)
        {
            throw new ArgumentException("The total is an amount of soles: not negative, at most 2 decimals.", nameof(total));
        }
        if (shares.Length != weights.Length)
        {
            throw new ArgumentException("One share per weight.", nameof(shares));
        }
        var sum = 0m;
        foreach (var weight in weights)
        {
            if (weight < 0)
            {
                throw new ArgumentException("Weights are not negative.", nameof(weights));
            }
            sum += weight;
        }
        if (sum == 0)
        {
            if (total != 0)
            {
                throw new ArgumentException("A non-zero total needs at least one positive weight.", nameof(weights));
            }
            shares.Clear();
            return;
        }

        var centimos = total * 100m;
        var remainders = new decimal[weights.Length];
        var given = 0m;
        for (var i = 0; i < weights.Length; i++)
        {
            // share in céntimos = centimos × w / sum = floor + remainder / sum, with the remainder kept exact
            // (the quotient is rounded to 28 digits, so it is corrected by one either way when it rounded across an integer).
            var scaled = centimos * weights[i];
            var floor = decimal.Floor(scaled / sum);
            var remainder = scaled - floor * sum;
            if (remainder < 0)
            {
                floor--;
                remainder += sum;
            }
            else if (remainder >= sum)
            {
                floor++;
                remainder -= sum;
            }
            shares[i] = floor;
            remainders[i] = remainder;
            given += floor;
        }

        var left = (int)(centimos - given);
        if (left > 0)
        {
            var order = new int[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            Array.Sort(order, (a, b) =>
            {
                var byRemainder = remainders[b].CompareTo(remainders[a]);
                return byRemainder != 0 ? byRemainder : a.CompareTo(b);
            });
            for (var k = 0; k < left; k++)
            {
                shares[order[k]]++;
                if (rounding.Length != 0)
                {
                    rounding[order[k]] = 0.01m;
                }
            }
        }
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] /= 100m;
        }
    }

    /// <summary>The same, returning the shares: <c>LargestRemainder(100.00m, [1, 1, 1])</c> is 33.34, 33.33, 33.33.</summary>
    public static decimal[] LargestRemainder(decimal total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var copy = weights.ToArray();
        var shares = new decimal[copy.Length];
        LargestRemainder(total, copy, shares);
        return shares;
    }

    /// <summary>Equal shares of <paramref name="total"/> among <paramref name="count"/>, the extra céntimos to the first ones.</summary>
    public static decimal[] Equally(decimal total, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var weights = new decimal[count];
        Array.Fill(weights, 1m);
        var shares = new decimal[count];
        LargestRemainder(total, weights, shares);
        return shares;
    }
}
