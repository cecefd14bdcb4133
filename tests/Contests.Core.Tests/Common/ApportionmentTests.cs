using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

public sealed class ApportionmentTests
{
    [Fact]
    public void ProportionalWeights_DivideExactly() =>
        Assert.Equal([400.00m, 350.00m, 250.00m], Apportionment.LargestRemainder(1_000.00m, [80m, 70m, 50m]));

    [Fact]
    public void EqualWeights_ExtraCentimoToTheFirst() =>
        Assert.Equal([33.34m, 33.33m, 33.33m], Apportionment.LargestRemainder(100.00m, [1m, 1m, 1m]));

    [Fact]
    public void LeftoverCentimos_GoToTheLargestRemainders_NotToTheLargestShares()
    {
        // 1.00 by 1 : 1 : 1 : 3 — exact 0.1666…, 0.1666…, 0.1666…, 0.50 → floors 0.16, 0.16, 0.16, 0.50;
        // the two céntimos left go to the first two of the three equal remainders; 0.50 has none.
        Assert.Equal([0.17m, 0.17m, 0.16m, 0.50m], Apportionment.LargestRemainder(1.00m, [1m, 1m, 1m, 3m]));
    }

    [Fact]
    public void LargerRemainder_BeatsEarlierPosition()
    {
        // 0.10 by 3 : 4 → exact 0.042857… and 0.057142… : floors 0.04 + 0.05, the céntimo to the second (remainder .714 > .285).
        Assert.Equal([0.04m, 0.06m], Apportionment.LargestRemainder(0.10m, [3m, 4m]));
    }

    [Fact]
    public void ZeroWeight_GetsNothing() =>
        Assert.Equal([0m, 5.01m, 5.00m], Apportionment.LargestRemainder(10.01m, [0m, 2.5m, 2.5m]));

    [Fact]
    public void ZeroTotal_WithZeroWeights_IsAllZero() =>
        Assert.Equal([0m, 0m], Apportionment.LargestRemainder(0m, [0m, 0m]));

    [Fact]
    public void Equally_SharesTheCentimosInPositionOrder() =>
        Assert.Equal([200.01m, 200.00m, 200.00m], Apportionment.Equally(600.01m, 3));

    [Fact]
    public void Refuses_NegativeOrThirdDecimal_AndAllZeroWeightsForAnAmount()
    {
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(-1m, [1m]));
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(1.005m, [1m]));
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(1m, [1m, -1m]));
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(1m, [0m, 0m]));
    }

    [Fact]
    public void GeneratedSplits_AddUpExactly_AndStayWithinACentimoOfTheExactShare()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 2_000; run++)
        {
            var total = random.Next(0, 10_000_000) / 100m;
            var weights = Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(0, 10_000) / 100m).ToArray();
            if (weights.Sum() == 0)
            {
                weights[0] = 1m;
            }
            var shares = Apportionment.LargestRemainder(total, weights);

            Assert.Equal(total, shares.Sum());
            var sum = weights.Sum();
            for (var i = 0; i < shares.Length; i++)
            {
                var exact = total * weights[i] / sum;
                Assert.True(shares[i] >= 0 && decimal.Round(shares[i], 2) == shares[i]);
                Assert.True(Math.Abs(shares[i] - exact) < 0.01m, $"share {shares[i]} vs exact {exact}");
            }
        }
    }

    [Fact]
    public void LargeRound_StaysExact()
    {
        var weights = Enumerable.Range(1, 100_000).Select(i => (decimal)(i % 97) + 0.5m).ToArray();
        var shares = new decimal[weights.Length];

        Apportionment.LargestRemainder(12_345_678.91m, weights, shares);

        Assert.Equal(12_345_678.91m, shares.Sum());
    }
}
