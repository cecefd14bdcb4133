using Contests.Core.Monitoring;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Monitoring;

public sealed class IndicatorsTests
{
    private static readonly DateTime March = new(2025, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime August = new(2025, 8, 10, 15, 0, 0, DateTimeKind.Utc);

    private static ParticipationRow Household(int entry, int round, int household, ParticipantFacts facts, DateTime? when = null, bool approved = false) =>
        new(entry, round, 2025, RoundLevel.Households, household, 1, null, when ?? March, facts, approved);

    private static ParticipationRow Community(int entry, int round, int community, bool approved) =>
        new(entry, round, 2025, RoundLevel.Communities, null, community, null, March, null, approved);

    private static ParticipationRow Organization(int entry, int round, int organization, bool approved) =>
        new(entry, round, 2025, RoundLevel.Organizations, null, null, organization, March, null, approved);

    private static ParticipantFacts Woman(int age, int persons = 4, MotherTongue? tongue = MotherTongue.Quechua) =>
        new(Sex.Female, age, true, tongue, EducationLevel.Primary, persons);

    private static ParticipantFacts Man(int age, int persons = 5, MotherTongue? tongue = MotherTongue.Quechua) =>
        new(Sex.Male, age, false, tongue, null, persons);

    [Theory]
    [InlineData(1996, 29, true)] // 2025 − 1996 = 29: still young
    [InlineData(1995, 30, false)]
    [InlineData(2010, 15, true)]
    [InlineData(2011, 14, false)]
    public void AtEntry_AgeAndYouth_FromTheYearOfEntryInLima(int birthYear, int age, bool youth)
    {
        var facts = ParticipantFacts.AtEntry(Sex.Female, birthYear, 4, MotherTongue.Aymara, null, March);

        Assert.Equal((age, youth, true), (facts.AgeAtEntry, facts.Youth, facts.WomenHeaded));
    }

    [Fact]
    public void AtEntry_OnNewYearsEveInLima_CountsTheLimaYear()
    {
        // 1 January 2026 at 03:00 UTC is still 31 December 2025 in Lima.
        var facts = ParticipantFacts.AtEntry(Sex.Male, 1996, 3, null, null, new DateTime(2026, 1, 1, 3, 0, 0, DateTimeKind.Utc));

        Assert.Equal((29, true), (facts.AgeAtEntry, facts.Youth));
    }

    [Fact]
    public void Participation_SplitsHouseholdsAndPersons_BySexYouthAndTongue()
    {
        var rows = new[]
        {
            Household(1, 1, 101, Woman(25, persons: 3)),
            Household(2, 1, 102, Woman(40, persons: 6, tongue: MotherTongue.Spanish)),
            Household(3, 1, 103, Man(22, persons: 4, tongue: null)),
            Household(4, 2, 104, Man(51, persons: 7, tongue: MotherTongue.Aymara)),
        };

        var p = Indicators.Participation(rows);

        Assert.Equal((4, 2, 2, 2), (p.Households.Total, p.Households.Women, p.Households.Men, p.Households.Youth));
        Assert.Equal((20, 9, 11, 7), (p.Persons.Total, p.Persons.Women, p.Persons.Men, p.Persons.Youth));
        Assert.Equal((1, 1, 1, 0, 1), (p.Households.ByTongue[MotherTongue.Quechua], p.Households.ByTongue[MotherTongue.Spanish],
            p.Households.ByTongue[MotherTongue.Aymara], p.Households.ByTongue[MotherTongue.Other], p.Households.TongueUnknown));
        Assert.Equal((7, 4), (p.Persons.ByTongue[MotherTongue.Aymara], p.Persons.TongueUnknown));
        Assert.Equal(2, p.WomenHeadedHouseholds);
        Assert.Equal(0, p.RepeatHouseholds);
    }

    [Fact]
    public void Participation_AHouseholdInTwoRounds_CountsOnce_AsItWasAtItsFirstEntry()
    {
        // Household 101 entered in March aged 29 with 3 persons (young), and again in August aged 30
        // with 5 (the registry changed meanwhile): it counts once, young, 3 persons, and as a repeat participant.
        var rows = new[]
        {
            Household(7, 2, 101, Woman(30, persons: 5), when: August),
            Household(2, 1, 101, Woman(29, persons: 3), when: March),
            Household(3, 1, 102, Man(45)),
        };

        var p = Indicators.Participation(rows);

        Assert.Equal((2, 1, 8), (p.Households.Total, p.Households.Youth, p.Persons.Total));
        Assert.Equal(1, p.RepeatHouseholds);
    }

    [Fact]
    public void Participation_SameRegistrationTime_FirstEntryIsTheLowerId_InAnyOrder_RepeatOnlyAcrossRounds()
    {
        // Household 101: entries 9 and 4 at the same instant (4 is its first: 3 persons), a third in another round later.
        // Household 102: two entries of the same round (4 and 6 persons), so not a repeat.
        var rows = new[]
        {
            Household(9, 1, 101, Woman(40, persons: 7)),
            Household(12, 1, 102, Man(50, persons: 6), when: August),
            Household(4, 1, 101, Woman(40, persons: 3)),
            Household(11, 1, 102, Man(50, persons: 4)),
            Household(15, 2, 101, Woman(41, persons: 9), when: August),
        };

        foreach (var order in new[] { rows, rows.Reverse().ToArray() })
        {
            var p = Indicators.Participation(order);

            Assert.Equal((2, 7), (p.Households.Total, p.Persons.Total));
            Assert.Equal(1, p.RepeatHouseholds);
        }
    }

    [Fact]
    public void Participation_CommunitiesAndOrganizations_PresentedAndApproved_Distinct()
    {
        var rows = new[]
        {
            Community(1, 3, 10, approved: true), Community(2, 3, 11, approved: false), Community(3, 4, 10, approved: false),
            Organization(4, 5, 20, approved: true), Organization(5, 5, 21, approved: true), Organization(6, 6, 22, approved: false),
        };

        var p = Indicators.Participation(rows);

        Assert.Equal((2, 1, 3, 2), (p.CommunitiesPresented, p.CommunitiesApproved, p.OrganizationsPresented, p.OrganizationsApproved));
        Assert.Equal(0, p.Households.Total);
    }

    private static AwardRow Award(int entry, int round, int? household, decimal amount, string district = "030101", Theme? theme = Theme.HealthyHome,
        params SourceAmount[] sources) =>
        new(entry, round, 2025, household, district, theme, amount, sources.Length > 0 ? sources : [new SourceAmount(1, amount)]);

    [Fact]
    public void Awarded_ByDistrictAndSource_AverageAndMedian()
    {
        var awards = new[]
        {
            Award(1, 1, 101, 600m, sources: [new SourceAmount(1, 400m), new SourceAmount(2, 200m)]),
            Award(2, 1, 102, 300m, district: "030102"),
            Award(3, 1, 103, 0m), // took part, won nothing: not an award
            Award(4, 2, 104, 150.55m, district: "030102", sources: [new SourceAmount(2, 150.55m)]),
        };

        Assert.Equal([("030101", 600m, 1), ("030102", 450.55m, 2)], Indicators.AwardedBy(awards, a => a.DistrictUbigeo));
        Assert.Equal(new Dictionary<int, decimal> { [1] = 700m, [2] = 350.55m }, Indicators.AwardedBySource(awards));
        Assert.Equal(350.18m, Indicators.AveragePrize(awards)); // 1,050.55 / 3 = 350.1833…
        Assert.Equal(300m, Indicators.MedianPrize(awards));
        // An even count: 150.55, 300.00, 600.00, 600.15 → (300.00 + 600.00) / 2.
        Assert.Equal(450m, Indicators.MedianPrize(awards.Append(Award(5, 2, 105, 600.15m))));
    }

    [Fact]
    public void AverageAndMedian_WithoutAwards_AreUnknown()
    {
        Assert.Null(Indicators.AveragePrize([Award(1, 1, 101, 0m)]));
        Assert.Null(Indicators.MedianPrize([]));
    }

    [Fact]
    public void Concentration_TopTenPercentOfParticipants_AndRepeatWinners()
    {
        // 20 households took part: the top 10 % are 2 households. 101 won 1,000 in round 1 and 500 in round 2
        // (a repeat winner, 1,500), 102 won 1,000, 103 and 104 won 250 each: 3,000 in all.
        var participants = Enumerable.Range(101, 20);
        var awards = new[]
        {
            Award(1, 1, 101, 1_000m), Award(2, 2, 101, 500m), Award(3, 1, 102, 1_000m), Award(4, 1, 103, 250m), Award(5, 2, 104, 250m),
            Award(6, 3, null, 5_000m), // a community's prize is not a household's
        };

        var c = Indicators.Concentration(participants, awards);

        Assert.Equal((20, 2), (c.Households, c.TopHouseholds));
        Assert.Equal(0.8333m, c.TopShare); // 2,500 / 3,000
        Assert.Equal((1, 0.5m), (c.RepeatWinners, c.RepeatWinnersShare)); // 1,500 / 3,000
    }

    [Fact]
    public void Concentration_TiesAtTheBoundary_DoNotDependOnOrder()
    {
        // 11 participants → ⌈1.1⌉ = 2 top households; three won 100 each: the top two hold 200 of 300.
        var awards = new[] { Award(1, 1, 130, 100m), Award(2, 1, 110, 100m), Award(3, 1, 120, 100m) };

        var forward = Indicators.Concentration(Enumerable.Range(110, 11).Select(i => i == 111 ? 130 : i), awards);
        var backward = Indicators.Concentration(Enumerable.Range(110, 11).Select(i => i == 111 ? 130 : i).Reverse(), awards.Reverse());

        Assert.Equal((2, 0.6667m), (forward.TopHouseholds, forward.TopShare));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Concentration_NoMoney_IsZeroNotAnError()
    {
        var c = Indicators.Concentration([1, 2, 3], []);

        Assert.Equal((3, 1, 0m, 0), (c.Households, c.TopHouseholds, c.TopShare, c.RepeatWinners));
    }

    [Fact]
    public void FromSums_TheDatabasesGroups_GiveTheSameFiguresAsTheRows()
    {
        // The page hands Core what the database summed: households grouped by their facts, money per household and per key.
        var groups = new[] { new HouseholdGroup(Woman(25, persons: 4), 2), new HouseholdGroup(Man(40, persons: 5, tongue: null), 1) };
        var split = Indicators.SplitGroups(groups, f => f.Persons);
        Assert.Equal((13, 8, 5, 8, 8, 5), (split.Total, split.Women, split.Men, split.Youth, split.ByTongue[MotherTongue.Quechua], split.TongueUnknown));
        Assert.Equal(3, Indicators.Participation(groups, 0, []).Households.Total);

        // 20 households took part; 101 won 1,500 in two rounds, 102 1,000, 103 and 104 250 each (as the row-by-row test above).
        var prizes = new[] { new HouseholdPrize(103, 250m, 1), new HouseholdPrize(101, 1_500m, 2), new HouseholdPrize(104, 250m, 1), new HouseholdPrize(102, 1_000m, 1) };
        var c = Indicators.Concentration(20, prizes);
        Assert.Equal((20, 2, 0.8333m, 1, 0.5m), (c.Households, c.TopHouseholds, c.TopShare, c.RepeatWinners, c.RepeatWinnersShare));

        Assert.Equal([("030102", 450.55m, 2), ("030101", 300m, 1)],
            Indicators.Ranked([new KeyedAmount<string>("030101", 300m, 1), new KeyedAmount<string>("030102", 300m, 1), new KeyedAmount<string>("030102", 150.55m, 1)]));
        Assert.Equal(450m, Indicators.MedianOf([600.15m, 150.55m, 0m, 600m, 300m]));
        Assert.Equal(412.68m, Indicators.AverageOf([600.15m, 150.55m, 0m, 600m, 300m])); // 1,650.70 / 4
    }
}
