using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class ContestRoundTests
{
    private const string Abancay = "030101";
    private const int OfficerId = 5;

    private static readonly DateTime Now = new(2025, 3, 3, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>Facts under which every guard is satisfied.</summary>
    private static readonly PhaseFacts Ready = new()
    {
        HasRubric = true, HasBudget = true, Entries = 14, MissingBaselines = 0, MissingScoreSheets = 0,
        ActaApprovedWithQuorum = true, AppealsWindowOver = true, PayoutsOutstanding = 0,
    };

    private static RoundSetup Setup() => new()
    {
        Name = "Concurso interfamiliar 2025",
        LocalOfficeId = 1,
        Level = RoundLevel.Households,
        Themes = new HashSet<Theme> { Theme.SoilAndWater, Theme.HealthyHome },
        Scope = RoundScope.Everywhere,
        PoolBy = PoolBy.Community,
    };

    private static ContestRound Draft(RoundSetup? setup = null) =>
        ContestRound.Create(1, setup ?? Setup(), OfficerId, Now).Round!;

    private static ContestRound Opened()
    {
        var round = Draft();
        Assert.True(round.SetRules(Rules(), null, OfficerId, Now).Succeeded);
        Assert.True(round.MoveTo(RoundPhase.Open, Ready, false, OfficerId, Now).Succeeded);
        return round;
    }

    private static ContestRound MovedTo(RoundPhase phase)
    {
        var round = Opened();
        while (round.Phase < phase)
        {
            Assert.True(round.MoveTo(RoundPhases.Next(round.Phase)!.Value, Ready, false, OfficerId, Now).Succeeded);
        }
        return round;
    }

    private static RoundRules Rules(decimal first = 600m)
    {
        var errors = new List<DomainError>();
        var sheet = Rubric.Create([new RubricPart("Campo", [new Criterion("Avance", null, 100, 1)], 3, 3, Aggregation.Mean)], 70, errors);
        Assert.Empty(errors);
        return new RoundRules(sheet!, new PrizeRules { Tiers = [first, 400m, 200m], BudgetLines = [new BudgetLine(1, 5_000m)] });
    }

    /// <summary>A schedule item as the database returns it: with its id (0 until saved).</summary>
    private static ScheduledTransition Saved(ScheduledTransition item, int id)
    {
        typeof(ScheduledTransition).GetProperty(nameof(ScheduledTransition.Id))!.SetValue(item, id);
        return item;
    }

    private static (string Code, string? Field)[] Problems(RoundSetup setup) => [.. setup.Check().Select(e => (e.Code, e.Field))];

    [Fact]
    public void Create_ValidSetup_StartsAsDraft_WithItsSetup()
    {
        var (result, round) = ContestRound.Create(3, Setup(), OfficerId, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(RoundPhase.Draft, round!.Phase);
        Assert.Equal((3, "Concurso interfamiliar 2025", RoundLevel.Households, PoolBy.Community), (round.ProgrammeId, round.Name, round.Level, round.PoolBy));
        Assert.Equal([Theme.SoilAndWater, Theme.HealthyHome], round.Themes.Select(t => t.Theme).Order());
        Assert.Equal((OfficerId, Now), (round.CreatedByUserId, round.CreatedUtc));
        Assert.True(round.Scope.IsEverywhere);
        Assert.False(round.SetupLocked);
        Assert.Null(round.CurrentRules);
    }

    [Fact]
    public void Create_WithScope_KeepsDistrictsCommunitiesAndWatersheds()
    {
        var scope = new RoundScope(new HashSet<string> { Abancay }, new HashSet<int> { 3, 4 }, new HashSet<int> { 10 });

        var round = Draft(Setup() with { Scope = scope });

        Assert.Equal([Abancay], round.Scope.Districts);
        Assert.Equal([3, 4], round.Scope.Communities.Order());
        Assert.Equal([10], round.Scope.Watersheds);
    }

    [Fact]
    public void Create_CleansTheName_AndKeepsCategoriesInOrder()
    {
        var round = Draft(Setup() with { Name = "  Concurso   2025 ", PoolBy = PoolBy.Category, Categories = ["Mujeres", " Jóvenes  rurales "] });

        Assert.Equal("Concurso 2025", round.Name);
        Assert.Equal([("Mujeres", 0), ("Jóvenes rurales", 1)], round.Categories.OrderBy(c => c.Position).Select(c => (c.Name, c.Position)));
    }

    [Fact]
    public void Create_InvalidSetup_CreatesNothing()
    {
        var (result, round) = ContestRound.Create(1, Setup() with { Themes = new HashSet<Theme>() }, OfficerId, Now);

        Assert.Null(round);
        Assert.Equal("Round.NoThemes", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Check_WithoutThemes_IsRefused() =>
        Assert.Equal([("Round.NoThemes", "Themes")], Problems(Setup() with { Themes = new HashSet<Theme>() }));

    [Theory]
    [InlineData(RoundLevel.Households, PoolBy.Watershed)]
    [InlineData(RoundLevel.Households, PoolBy.District)]
    [InlineData(RoundLevel.Communities, PoolBy.Community)]
    [InlineData(RoundLevel.Communities, PoolBy.District)]
    [InlineData(RoundLevel.Organizations, PoolBy.Community)]
    [InlineData(RoundLevel.Organizations, PoolBy.Watershed)]
    public void Check_PoolKindThatDoesNotFitTheLevel_IsRefused(RoundLevel level, PoolBy pool)
    {
        var error = Assert.Single((Setup() with { Level = level, PoolBy = pool }).Check());

        Assert.Equal(("Round.PoolForLevel", "PoolBy"), (error.Code, error.Field));
        Assert.Equal([pool, (object)level], error.Arguments);
    }

    [Theory]
    [InlineData(RoundLevel.Households, PoolBy.Community)]
    [InlineData(RoundLevel.Communities, PoolBy.Watershed)]
    [InlineData(RoundLevel.Organizations, PoolBy.District)]
    [InlineData(RoundLevel.Organizations, PoolBy.OnePool)]
    public void Check_PoolKindThatFitsTheLevel_IsValid(RoundLevel level, PoolBy pool) =>
        Assert.Empty((Setup() with { Level = level, PoolBy = pool }).Check());

    [Fact]
    public void Check_CategoryPools_NeedAtLeastTwoCategories()
    {
        var setup = Setup() with { PoolBy = PoolBy.Category, Categories = ["Mujeres"] };

        Assert.Equal([("Round.CategoriesNeeded", "Categories")], Problems(setup));
        Assert.Empty((setup with { Categories = ["Mujeres", "Jóvenes"] }).Check());
    }

    [Theory]
    [InlineData("Mujeres", "MUJERES")]
    [InlineData("Jóvenes", "JOVENES")]
    [InlineData("Adultos  mayores", "adultos mayores")]
    public void Check_RepeatedCategory_IgnoringCaseAccentsAndSpaces_IsRefused(string first, string second) =>
        Assert.Equal([("Round.CategoryRepeated", "Categories")],
            Problems(Setup() with { PoolBy = PoolBy.Category, Categories = [first, "Otros", second] }));

    [Fact]
    public void Check_TooManyOrTooLongCategories_AreRefused()
    {
        var thirteen = Enumerable.Range(1, RoundSetup.MaxCategories + 1).Select(i => "Categoría " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal([("Round.TooManyCategories", "Categories")], Problems(Setup() with { PoolBy = PoolBy.Category, Categories = thirteen }));
        Assert.Equal([("Validation.MaxLength", "Categories")],
            Problems(Setup() with { PoolBy = PoolBy.Category, Categories = ["Mujeres", new string('x', RoundSetup.CategoryMaxLength + 1)] }));
    }

    [Fact]
    public void Check_NameRequired_AndAtMost160Characters()
    {
        Assert.Contains(Problems(Setup() with { Name = "   " }), p => p == ("Validation.Required", "Name"));
        Assert.Contains(Problems(Setup() with { Name = new string('x', RoundSetup.NameMaxLength + 1) }), p => p == ("Validation.MaxLength", "Name"));
    }

    [Fact]
    public void Update_InDraft_MayChangeEverything()
    {
        var round = Draft();

        var result = round.Update(Setup() with { Level = RoundLevel.Communities, PoolBy = PoolBy.Watershed, Themes = new HashSet<Theme> { Theme.Forestry } });

        Assert.True(result.Succeeded);
        Assert.Equal((RoundLevel.Communities, PoolBy.Watershed), (round.Level, round.PoolBy));
        Assert.Equal([Theme.Forestry], round.Themes.Select(t => t.Theme));
        Assert.Equal(1, round.Revision);
    }

    [Fact]
    public void Update_AfterOpening_ChangingLevelScopeThemesOrPools_IsRefused()
    {
        var round = Opened();
        RoundSetup[] changes =
        [
            Setup() with { Level = RoundLevel.Communities, PoolBy = PoolBy.OnePool },
            Setup() with { Scope = new RoundScope(new HashSet<string> { Abancay }, new HashSet<int>(), new HashSet<int>()) },
            Setup() with { Themes = new HashSet<Theme> { Theme.SoilAndWater } },
            Setup() with { PoolBy = PoolBy.OnePool },
            Setup() with { LocalOfficeId = 2 },
        ];

        foreach (var change in changes)
        {
            var error = Assert.Single(round.Update(change).Errors);
            Assert.Equal(("Round.SetupLocked", (object)RoundPhase.Open), (error.Code, error.Arguments[0]));
        }

        Assert.Equal((RoundLevel.Households, PoolBy.Community, 1), (round.Level, round.PoolBy, round.LocalOfficeId));
        Assert.Equal(2, round.Themes.Count);
        Assert.True(round.Scope.IsEverywhere);
    }

    [Fact]
    public void Update_AfterOpening_ChangingOnlyTheName_IsAllowed()
    {
        var round = Opened();

        var result = round.Update(Setup() with { Name = "Concurso interfamiliar Abancay 2025" });

        Assert.True(result.Succeeded);
        Assert.Equal("Concurso interfamiliar Abancay 2025", round.Name);
    }

    [Fact]
    public void SetRules_InDraft_TwiceKeepsOneVersion_WithTheNewContent()
    {
        var round = Draft();

        round.SetRules(Rules(600m), null, OfficerId, Now);
        var result = round.SetRules(Rules(700m), null, 6, Now.AddHours(1));

        Assert.True(result.Succeeded);
        var version = Assert.Single(round.RulesVersions);
        Assert.Equal((1, 700m, 6), (version.Number, version.Rules.Prizes.Tiers[0], version.CreatedByUserId));
        Assert.Same(version, round.CurrentRules);
    }

    [Fact]
    public void SetRules_InvalidPrizes_AreRefused_AndNothingIsWritten()
    {
        var round = Draft();
        var rules = Rules() with { Prizes = Rules().Prizes with { BudgetLines = [] } };

        var result = round.SetRules(rules, null, OfficerId, Now);

        Assert.Equal("Prizes.NoBudget", Assert.Single(result.Errors).Code);
        Assert.Empty(round.RulesVersions);
    }

    [Fact]
    public void SetRules_AfterOpening_WithoutReason_IsRefused()
    {
        var round = Opened();

        var result = round.SetRules(Rules(700m), "   ", OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Rules.ReasonRequired", "Reason"), (error.Code, error.Field));
        Assert.Equal(600m, Assert.Single(round.RulesVersions).Rules.Prizes.Tiers[0]);
    }

    [Fact]
    public void SetRules_AfterOpening_ReportsPrizeProblemsAndMissingReasonTogether()
    {
        var round = Opened();
        var rules = Rules() with { Prizes = Rules().Prizes with { BudgetLines = [] } };

        var result = round.SetRules(rules, null, OfficerId, Now);

        Assert.Equal(["Prizes.NoBudget", "Rules.ReasonRequired"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void SetRules_AfterOpening_WithReason_AddsAVersion_AndKeepsTheFirstAsItWas()
    {
        var round = Opened();

        var result = round.SetRules(Rules(700m), "  Aporte adicional de la municipalidad ", 6, Now.AddDays(2));

        Assert.True(result.Succeeded);
        var versions = round.RulesVersions.OrderBy(v => v.Number).ToList();
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal((600m, (string?)null), (versions[0].Rules.Prizes.Tiers[0], versions[0].Reason));
        Assert.Equal((700m, "Aporte adicional de la municipalidad", 6), (versions[1].Rules.Prizes.Tiers[0], versions[1].Reason, versions[1].CreatedByUserId));
        Assert.Same(versions[1], round.CurrentRules);
    }

    [Fact]
    public void SetRules_ReasonOverTheLimit_IsRefused()
    {
        var round = Opened();

        var error = Assert.Single(round.SetRules(Rules(700m), new string('x', RoundRulesVersion.ReasonMaxLength + 1), OfficerId, Now).Errors);

        Assert.Equal(("Validation.MaxLength", "Reason"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(RoundPhase.Review, true)]
    [InlineData(RoundPhase.Published, false)]
    [InlineData(RoundPhase.Closed, false)]
    public void SetRules_OnceResultsArePublished_IsLocked(RoundPhase phase, bool allowed)
    {
        var round = MovedTo(phase);

        var result = round.SetRules(Rules(700m), "Corrección", OfficerId, Now);

        Assert.Equal(allowed, result.Succeeded);
        Assert.Equal(allowed, round.CurrentRules!.Number == 2);
        if (!allowed)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("Rules.Locked", (object)phase), (error.Code, error.Arguments[0]));
        }
    }

    [Fact]
    public void MoveTo_RecordsEachChange_WithWhoAndWhetherAWarningWasConfirmed()
    {
        var round = Draft();

        round.MoveTo(RoundPhase.Open, Ready, false, OfficerId, Now);
        var result = round.MoveTo(RoundPhase.RegistrationClosed, Ready with { Entries = 0 }, true, 6, Now.AddDays(30));

        Assert.True(result.Succeeded);
        Assert.Equal(RoundPhase.RegistrationClosed, round.Phase);
        Assert.Equal(
        [
            (RoundPhase.Draft, RoundPhase.Open, Now, (int?)OfficerId, false, (int?)null),
            (RoundPhase.Open, RoundPhase.RegistrationClosed, Now.AddDays(30), (int?)6, true, (int?)null),
        ], round.PhaseChanges.Select(c => (c.From, c.To, c.AtUtc, c.UserId, c.Confirmed, c.ScheduleId)));
        Assert.True(round.SetupLocked);
    }

    [Fact]
    public void MoveTo_GuardFails_NothingChanges()
    {
        var round = Draft();

        var result = round.MoveTo(RoundPhase.Open, Ready with { HasRubric = false, HasBudget = false }, true, OfficerId, Now);

        Assert.Equal(["Phase.NoRubric", "Phase.NoBudget"], result.Errors.Select(e => e.Code));
        Assert.Equal(RoundPhase.Draft, round.Phase);
        Assert.Empty(round.PhaseChanges);
        Assert.Equal(0, round.Revision);
    }

    [Fact]
    public void MoveTo_SkippingAPhase_IsNotAllowed()
    {
        var round = Opened();

        var result = round.MoveTo(RoundPhase.Judging, Ready, true, OfficerId, Now);

        Assert.Equal("Phase.NotAllowed", Assert.Single(result.Errors).Code);
        Assert.Equal(RoundPhase.Open, round.Phase);
    }

    [Fact]
    public void ScheduleMove_AheadAndInOrder_IsPending()
    {
        var round = Opened();

        var (closing, added, cancelled) = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now);
        var (judging, _, _) = round.ScheduleMove(RoundPhase.Judging, Now.AddDays(45), Now);

        Assert.True(closing.Succeeded && judging.Succeeded);
        Assert.Null(cancelled);
        Assert.Equal((RoundPhase.RegistrationClosed, Now.AddDays(30), ScheduleState.Pending), (added!.ToPhase, added.DueUtc, added.State));
        Assert.Equal(2, round.Schedule.Count(s => s.State == ScheduleState.Pending));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void ScheduleMove_NotAhead_IsRefused(int minutes)
    {
        var round = Draft();

        var (result, added, _) = round.ScheduleMove(RoundPhase.Open, Now.AddMinutes(minutes), Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Schedule.InThePast", "Due.Open"), (error.Code, error.Field));
        Assert.Null(added);
        Assert.Empty(round.Schedule);
    }

    [Theory]
    [InlineData(RoundPhase.Draft)]
    [InlineData(RoundPhase.Open)]
    public void ScheduleMove_PhaseAlreadyReached_IsRefused(RoundPhase phase)
    {
        var round = Opened();

        var error = Assert.Single(round.ScheduleMove(phase, Now.AddDays(5), Now).Result.Errors);

        Assert.Equal(("Schedule.PhaseReached", "Due." + phase), (error.Code, error.Field));
        Assert.Empty(round.Schedule);
    }

    [Fact]
    public void ScheduleMove_LaterPhaseDueBeforeAnEarlierOne_IsRefused()
    {
        var round = Opened();
        round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now);

        var before = round.ScheduleMove(RoundPhase.Judging, Now.AddDays(20), Now).Result;
        var sameDay = round.ScheduleMove(RoundPhase.Judging, Now.AddDays(30), Now).Result;

        var error = Assert.Single(before.Errors);
        Assert.Equal(("Schedule.OutOfOrder", "Due.Judging"), (error.Code, error.Field));
        Assert.Equal("Schedule.OutOfOrder", Assert.Single(sameDay.Errors).Code);
        Assert.Single(round.Schedule);
    }

    [Fact]
    public void ScheduleMove_EarlierPhaseDueAfterALaterOne_IsRefused()
    {
        var round = Opened();
        round.ScheduleMove(RoundPhase.Judging, Now.AddDays(45), Now);

        var error = Assert.Single(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(50), Now).Result.Errors);

        Assert.Equal(("Schedule.OutOfOrder", "Due.RegistrationClosed"), (error.Code, error.Field));
    }

    [Fact]
    public void ScheduleMove_SamePhaseAgain_CancelsTheEarlierDate()
    {
        var round = Opened();
        var first = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!;

        var (result, added, cancelled) = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(35), Now.AddDays(1));

        Assert.True(result.Succeeded);
        Assert.Same(first, cancelled);
        Assert.Equal((ScheduleState.Cancelled, Now.AddDays(1)), (first.State, first.SettledUtc));
        Assert.Same(added, Assert.Single(round.Schedule, s => s.State == ScheduleState.Pending));
        Assert.Equal(Now.AddDays(35), added!.DueUtc);
    }

    [Fact]
    public void ScheduleMove_SameDateAgain_ChangesNothing()
    {
        var round = Opened();
        var first = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!;

        var (result, added, cancelled) = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now);

        Assert.True(result.Succeeded);
        Assert.Null(added);
        Assert.Null(cancelled);
        Assert.Equal(ScheduleState.Pending, Assert.Single(round.Schedule).State);
        Assert.Same(first, round.Schedule.Single());
    }

    [Fact]
    public void ScheduleMove_WithoutDate_CancelsThePendingOne()
    {
        var round = Opened();
        var first = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!;

        var (result, added, cancelled) = round.ScheduleMove(RoundPhase.RegistrationClosed, null, Now.AddDays(2));

        Assert.True(result.Succeeded);
        Assert.Null(added);
        Assert.Same(first, cancelled);
        Assert.Equal(ScheduleState.Cancelled, first.State);
        Assert.DoesNotContain(round.Schedule, s => s.State == ScheduleState.Pending);
    }

    [Fact]
    public void ScheduleMove_WithoutDate_WhenNothingIsPending_IsHarmless()
    {
        var (result, added, cancelled) = Opened().ScheduleMove(RoundPhase.Judging, null, Now);

        Assert.True(result.Succeeded);
        Assert.Null(added);
        Assert.Null(cancelled);
    }

    [Fact]
    public void MoveTo_ByHand_SupersedesTheScheduledMoveToThatPhase_NotLaterOnes()
    {
        var round = Opened();
        var closing = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!;
        var judging = round.ScheduleMove(RoundPhase.Judging, Now.AddDays(45), Now).Added!;

        round.MoveTo(RoundPhase.RegistrationClosed, Ready, false, OfficerId, Now.AddDays(20));

        Assert.Equal((ScheduleState.Superseded, Now.AddDays(20)), (closing.State, closing.SettledUtc));
        Assert.Equal(ScheduleState.Pending, judging.State);
    }

    [Fact]
    public void RunScheduled_GuardPasses_MovesOnce_AndRecordsTheSchedule()
    {
        var round = Opened();
        var item = Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 7);
        var changes = round.PhaseChanges.Count;

        var result = round.RunScheduled(7, Ready, Now.AddDays(30));

        Assert.True(result.Succeeded);
        Assert.Equal(RoundPhase.RegistrationClosed, round.Phase);
        Assert.Equal((ScheduleState.Done, Now.AddDays(30)), (item.State, item.SettledUtc));
        var change = round.PhaseChanges.Last();
        Assert.Equal((RoundPhase.Open, RoundPhase.RegistrationClosed, (int?)7, (int?)null, false),
            (change.From, change.To, change.ScheduleId, change.UserId, change.Confirmed));
        Assert.Equal(changes + 1, round.PhaseChanges.Count);
    }

    [Fact]
    public void RunScheduled_SecondFiring_DoesNothing()
    {
        var round = Opened();
        Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 7);
        Saved(round.ScheduleMove(RoundPhase.Judging, Now.AddDays(45), Now).Added!, 8);
        round.RunScheduled(7, Ready, Now.AddDays(30));
        var changes = round.PhaseChanges.Count;

        var again = round.RunScheduled(7, Ready, Now.AddDays(30).AddSeconds(1));

        Assert.Equal("Schedule.NotPending", Assert.Single(again.Errors).Code);
        Assert.Equal(RoundPhase.RegistrationClosed, round.Phase);
        Assert.Equal(changes, round.PhaseChanges.Count);
    }

    [Fact]
    public void RunScheduled_UnknownId_IsNotPending() =>
        Assert.Equal("Schedule.NotPending", Assert.Single(Opened().RunScheduled(42, Ready, Now).Errors).Code);

    [Fact]
    public void RunScheduled_GuardFails_RecordsTheFailure_PhaseStays()
    {
        var round = Opened();
        var item = Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 7);
        var revision = round.Revision;

        var result = round.RunScheduled(7, Ready with { Entries = 0 }, Now.AddDays(30));

        Assert.Equal("Phase.NoEntries", Assert.Single(result.Errors).Code);
        Assert.Equal(RoundPhase.Open, round.Phase);
        Assert.Equal((ScheduleState.Failed, Now.AddDays(30)), (item.State, item.SettledUtc));
        var failure = Assert.Single(item.Failures());
        Assert.Equal(("Phase.NoEntries", 0), (failure.Code, failure.Arguments.Length));
        Assert.Equal(revision + 1, round.Revision);
    }

    [Fact]
    public void RunScheduled_FailureKeepsTheNumbers_ForTheOfficer()
    {
        var round = MovedTo(RoundPhase.RegistrationClosed);
        var item = Saved(round.ScheduleMove(RoundPhase.Judging, Now.AddDays(10), Now).Added!, 3);

        round.RunScheduled(3, Ready with { MissingBaselines = 4 }, Now.AddDays(10));

        var failure = Assert.Single(item.Failures());
        Assert.Equal(("Phase.MissingBaselines", (object)4), (failure.Code, failure.Arguments[0]));
    }

    [Fact]
    public void RunScheduled_Failed_IsNotRunAgain()
    {
        var round = Opened();
        var item = Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 7);
        round.RunScheduled(7, Ready with { Entries = 0 }, Now.AddDays(30));

        var retry = round.RunScheduled(7, Ready, Now.AddDays(31));

        Assert.Equal("Schedule.NotPending", Assert.Single(retry.Errors).Code);
        Assert.Equal(RoundPhase.Open, round.Phase);
        Assert.Equal(ScheduleState.Failed, item.State);
    }

    [Fact]
    public void Failures_WhenNothingFailed_IsEmpty()
    {
        var round = Opened();

        var item = round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!;

        Assert.Empty(item.Failures());
    }

    [Fact]
    public void RunScheduled_LaterMoveAfterAnEarlierOneFailed_KeepsBothPhasesOfTheRefusal()
    {
        var round = Opened();
        Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 7);
        var judging = Saved(round.ScheduleMove(RoundPhase.Judging, Now.AddDays(45), Now).Added!, 8);
        round.RunScheduled(7, Ready with { Entries = 0 }, Now.AddDays(30));

        var result = round.RunScheduled(8, Ready, Now.AddDays(45));

        Assert.Equal("Phase.NotAllowed", Assert.Single(result.Errors).Code);
        var failure = Assert.Single(judging.Failures());
        Assert.Equal(result.Errors[0].Arguments.Length, failure.Arguments.Length);
    }

    [Fact]
    public void RunScheduled_FiredWellBeforeItsDate_DoesNothing_AndStaysPending()
    {
        var round = Opened();
        var item = Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 5);

        var early = round.RunScheduled(5, Ready, Now.AddDays(30) - ScheduledTransition.EarlyTolerance - TimeSpan.FromSeconds(1));

        Assert.Equal("Schedule.NotDue", Assert.Single(early.Errors).Code);
        Assert.Equal((RoundPhase.Open, ScheduleState.Pending), (round.Phase, item.State));
        Assert.True(round.RunScheduled(5, Ready, Now.AddDays(30) - TimeSpan.FromSeconds(10)).Succeeded);
        Assert.Equal((RoundPhase.RegistrationClosed, ScheduleState.Done), (round.Phase, item.State));
    }

    [Fact]
    public void RunScheduled_SettlesItsOwnRowAsDone_WhileLaterPendingOnesStay()
    {
        var round = Opened();
        var close = Saved(round.ScheduleMove(RoundPhase.RegistrationClosed, Now.AddDays(30), Now).Added!, 5);
        var judge = Saved(round.ScheduleMove(RoundPhase.Judging, Now.AddDays(40), Now).Added!, 6);

        round.MoveTo(RoundPhase.RegistrationClosed, Ready, confirmed: false, userId: null, Now.AddDays(30), scheduleId: 5);

        Assert.Equal(ScheduleState.Pending, close.State);
        Assert.Equal(ScheduleState.Pending, judge.State);
    }
}
