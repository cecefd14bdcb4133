using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class EntryTests
{
    private const string Abancay = "030101";
    private const int OfficerId = 5;

    private static readonly DateTime Now = new(2025, 4, 7, 14, 30, 0, DateTimeKind.Utc);
    private static readonly EligibilityResult Eligible = new([], []);
    private static readonly PhaseFacts Ready = new() { HasRubric = true, HasBudget = true };
    private static readonly Entry.Competitor Quispe = new(12, "Familia Quispe Huamán", 3, Abancay, Women: true);
    private static readonly Entry.Competitor Asociacion = new(7, "Asociación de Productores Lecheros", null, Abancay, Women: false);
    private static readonly PoolAssignment Huayllabamba = new("C:3", "Huayllabamba");
    private static readonly PoolAssignment AbancayPool = new("D:" + Abancay, "Abancay");

    private static ContestRound Round(RoundLevel level = RoundLevel.Households, PoolBy pool = PoolBy.Community, string[]? categories = null,
        PrizeRules? prizes = null)
    {
        var setup = new RoundSetup
        {
            Name = "Concurso 2025",
            LocalOfficeId = 1,
            Level = level,
            Themes = new HashSet<Theme> { Theme.SoilAndWater },
            Scope = RoundScope.Everywhere,
            PoolBy = pool,
            Categories = categories ?? [],
        };
        var round = ContestRound.Create(1, setup, OfficerId, Now).Round!;
        var errors = new List<DomainError>();
        var sheet = Rubric.Create([new RubricPart("Campo", [new Criterion("Avance", null, 100, 1)], 3, 3, Aggregation.Mean)], 70, errors)!;
        var rules = prizes ?? new PrizeRules { Tiers = [600m, 400m, 200m], BudgetLines = [new BudgetLine(1, 5_000m)] };
        Assert.True(round.SetRules(new RoundRules(sheet, rules), null, OfficerId, Now).Succeeded);
        Assert.True(round.MoveTo(RoundPhase.Open, Ready, false, OfficerId, Now).Succeeded);
        return round;
    }

    private static ContestRound PlansRound() => Round(RoundLevel.Organizations, PoolBy.District, prizes: new PrizeRules
    {
        Method = AllocationMethod.CoFinancing, CounterpartMinPercent = 20m, BudgetLines = [new BudgetLine(1, 100_000m)],
    });

    private static (Result Result, Entry? Entry) RegisterPlan(Entry.Plan? plan, EligibilityResult? eligibility = null) =>
        Entry.Register(PlansRound(), Asociacion, AbancayPool, null, plan, eligibility ?? Eligible, 1, OfficerId, Now);

    private static Entry Registered() => Entry.Register(Round(), Quispe, Huayllabamba, null, null, Eligible, 1, OfficerId, Now).Entry!;

    private static Entry Withdrawn()
    {
        var entry = Registered();
        Assert.True(entry.Withdraw(RoundPhase.Open, "Se mudó", OfficerId, Now).Succeeded);
        return entry;
    }

    private static BaselineItem Item(string activity = "Crianza de cuyes", decimal quantity = 12)
    {
        var errors = new List<DomainError>();
        var item = BaselineItem.Create(activity, quantity, "cabezas", 360m, null, "Items[0]", errors);
        Assert.Empty(errors);
        return item!;
    }

    private static BaselinePhoto Photo(string sha) =>
        BaselinePhoto.Create("IMG_0001.jpg", new ImageInfo("image/jpeg", ".jpg", 4000, 3000), 2_500_000, sha, OfficerId, Now);

    private static string Sha(int i) => i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Register_Eligible_KeepsWhereTheCompetitorWas()
    {
        var (result, entry) = Entry.Register(Round(), Quispe, Huayllabamba, null, null, Eligible, 4, OfficerId, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(EntryStatus.Registered, entry!.Status);
        Assert.Equal(("H:12", 12, (int?)null, 3), (entry.CompetitorKey, entry.HouseholdId, entry.OrganizationId, entry.CommunityId));
        Assert.Equal(("Familia Quispe Huamán", Abancay, "C:3", "Huayllabamba"), (entry.CompetitorName, entry.DistrictUbigeo, entry.PoolKey, entry.PoolName));
        Assert.Equal((4, RoundLevel.Households, true, false), (entry.Number, entry.Level, entry.Women, entry.NoVerifiedAccount));
        Assert.Equal((Now, OfficerId), (entry.RegisteredUtc, entry.RegisteredByUserId));
        Assert.Null(entry.PlanTitle);
        Assert.False(entry.HasBaseline);
    }

    [Theory]
    [InlineData(RoundLevel.Households, 12, "H:12")]
    [InlineData(RoundLevel.Communities, 4, "C:4")]
    [InlineData(RoundLevel.Organizations, 7, "O:7")]
    public void KeyOf_NamesTheKindOfCompetitor(RoundLevel level, int id, string key) =>
        Assert.Equal(key, Entry.KeyOf(level, id));

    [Fact]
    public void Register_WithRefusals_RegistersNothing_AndSaysWhy()
    {
        var refused = new EligibilityResult([new DomainError("Entry.RoundNotOpen"), new DomainError("Entry.AlreadyEntered")], []);

        var (result, entry) = Entry.Register(Round(), Quispe, Huayllabamba, null, null, refused, 1, OfficerId, Now);

        Assert.Null(entry);
        Assert.Equal(["Entry.RoundNotOpen", "Entry.AlreadyEntered"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Register_UnknownCategory_IsRefused()
    {
        var round = Round(pool: PoolBy.Category, categories: ["Mujeres", "Jóvenes"]);

        var (result, entry) = Entry.Register(round, Quispe, new PoolAssignment("K:Adultos", "Adultos"), "Adultos", null, Eligible, 1, OfficerId, Now);

        Assert.Null(entry);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("Entry.UnknownCategory", "Category", "Adultos"), (error.Code, error.Field, (string)error.Arguments[0]));
    }

    [Fact]
    public void Register_OneOfTheRoundsCategories_IsKept_Cleaned()
    {
        var round = Round(pool: PoolBy.Category, categories: ["Mujeres", "Jóvenes"]);

        var (result, entry) = Entry.Register(round, Quispe, new PoolAssignment("K:Mujeres", "Mujeres"), "  Mujeres ", null, Eligible, 1, OfficerId, Now);

        Assert.True(result.Succeeded);
        Assert.Equal("Mujeres", entry!.Category);
    }

    [Fact]
    public void Register_CategoryPools_NeedACategory()
    {
        var round = Round(pool: PoolBy.Category, categories: ["Mujeres", "Jóvenes"]);

        var (result, _) = Entry.Register(round, Quispe, Huayllabamba, " ", null, Eligible, 1, OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Validation.Required", "Category"), (error.Code, error.Field));
    }

    [Fact]
    public void Register_Organization_KeepsThePlan()
    {
        var (result, entry) = RegisterPlan(new Entry.Plan("  Mejoramiento de   establos ", 10_000m, 2_000m));

        Assert.True(result.Succeeded);
        Assert.Equal(("O:7", (int?)7, (int?)null), (entry!.CompetitorKey, entry.OrganizationId, entry.HouseholdId));
        Assert.Equal(("Mejoramiento de establos", (decimal?)10_000m, (decimal?)2_000m), (entry.PlanTitle, entry.PlanCost, entry.Counterpart));
    }

    [Fact]
    public void Register_Organization_WithoutPlan_IsRefused()
    {
        var error = Assert.Single(RegisterPlan(null).Result.Errors);

        Assert.Equal(("Validation.Required", "PlanTitle"), (error.Code, error.Field));
    }

    [Fact]
    public void Register_Organization_PlanWithoutTitle_IsRefused() =>
        Assert.Equal("PlanTitle", Assert.Single(RegisterPlan(new Entry.Plan("  ", 10_000m, 2_000m)).Result.Errors).Field);

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void Register_Organization_CostNotPositive_IsRefused(decimal cost)
    {
        var errors = RegisterPlan(new Entry.Plan("Establos", cost, 0m)).Result.Errors;

        Assert.Contains(errors, e => (e.Code, e.Field) == ("Entry.PlanCostPositive", "PlanCost"));
    }

    [Theory]
    [InlineData(10_000.01)]
    [InlineData(-1)]
    public void Register_Organization_CounterpartOutsideZeroToCost_IsRefused(decimal counterpart)
    {
        var error = Assert.Single(RegisterPlan(new Entry.Plan("Establos", 10_000m, counterpart)).Result.Errors);

        Assert.Equal(("Entry.CounterpartRange", "Counterpart"), (error.Code, error.Field));
    }

    [Fact]
    public void Register_Organization_CounterpartEqualToTheCost_AsksForNothing_IsRefused()
    {
        var error = Assert.Single(RegisterPlan(new Entry.Plan("Establos", 10_000m, 10_000m)).Result.Errors);

        Assert.Equal(("Entry.PlanAsksNothing", "Counterpart"), (error.Code, error.Field));
    }

    [Fact]
    public void Register_Organization_CounterpartBelowTheRulesMinimum_IsRefused_WithTheMinimum()
    {
        var error = Assert.Single(RegisterPlan(new Entry.Plan("Establos", 10_000m, 1_999.99m)).Result.Errors);

        Assert.Equal(("Entry.CounterpartBelowMinimum", "Counterpart"), (error.Code, error.Field));
        Assert.Equal((20m, 2_000m), (((Number)error.Arguments[0]).Value, (decimal)error.Arguments[1]));
    }

    [Fact]
    public void Register_Organization_CounterpartAtTheMinimum_IsAccepted() =>
        Assert.True(RegisterPlan(new Entry.Plan("Establos", 10_000m, 2_000m)).Result.Succeeded);

    [Fact]
    public void Register_Organization_WithoutVerifiedAccount_IsRegistered_Flagged()
    {
        var candidate = new Candidate { Level = RoundLevel.Organizations, Place = new Place(Abancay, null, []), HasVerifiedAccount = false };
        var eligibility = Eligibility.Check(RoundPhase.Open, RoundLevel.Organizations, RoundScope.Everywhere, candidate);

        var (result, entry) = RegisterPlan(new Entry.Plan("Establos", 10_000m, 3_000m), eligibility);

        Assert.True(result.Succeeded);
        Assert.True(entry!.NoVerifiedAccount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Withdraw_NeedsAReason(string? reason)
    {
        var entry = Registered();

        var error = Assert.Single(entry.Withdraw(RoundPhase.Open, reason, OfficerId, Now).Errors);

        Assert.Equal(("Entry.ReasonRequired", "Reason"), (error.Code, error.Field));
        Assert.Equal(EntryStatus.Registered, entry.Status);
    }

    [Fact]
    public void Withdraw_ReasonOverTheLimit_IsRefused() =>
        Assert.Equal("Validation.MaxLength",
            Assert.Single(Registered().Withdraw(RoundPhase.Open, new string('x', Entry.ReasonMaxLength + 1), OfficerId, Now).Errors).Code);

    [Theory]
    [InlineData(RoundPhase.Open)]
    [InlineData(RoundPhase.RegistrationClosed)]
    [InlineData(RoundPhase.Judging)]
    public void Withdraw_WhileTheRoundRuns_KeepsTheReason(RoundPhase phase)
    {
        var entry = Registered();

        var result = entry.Withdraw(phase, "  La familia se mudó a Lima ", 6, Now.AddDays(3));

        Assert.True(result.Succeeded);
        Assert.Equal((EntryStatus.Withdrawn, "La familia se mudó a Lima"), (entry.Status, entry.StatusReason));
        Assert.Equal(((int?)6, (DateTime?)Now.AddDays(3)), (entry.StatusChangedByUserId, entry.StatusChangedUtc));
    }

    [Theory]
    [InlineData(RoundPhase.Review)]
    [InlineData(RoundPhase.Published)]
    [InlineData(RoundPhase.Paying)]
    public void Withdraw_OnceJudgingIsOver_IsRefused(RoundPhase phase)
    {
        var entry = Registered();

        var error = Assert.Single(entry.Withdraw(phase, "Ya no desea participar", OfficerId, Now).Errors);

        Assert.Equal("Entry.LeavePhase", error.Code);
        Assert.Equal([EntryStatus.Withdrawn, (object)phase], error.Arguments);
        Assert.Equal(EntryStatus.Registered, entry.Status);
    }

    [Fact]
    public void Withdraw_Twice_IsRefused_KeepingTheFirstReason()
    {
        var entry = Registered();
        entry.Withdraw(RoundPhase.Open, "Se mudó", OfficerId, Now);

        var error = Assert.Single(entry.Withdraw(RoundPhase.Open, "Otra vez", OfficerId, Now).Errors);

        Assert.Equal(("Entry.NotActive", (object)EntryStatus.Withdrawn), (error.Code, error.Arguments[0]));
        Assert.Equal("Se mudó", entry.StatusReason);
    }

    [Theory]
    [InlineData(RoundPhase.Open)]
    [InlineData(RoundPhase.Judging)]
    [InlineData(RoundPhase.Review)]
    public void Disqualify_BeforeResultsArePublished_IsAllowed(RoundPhase phase)
    {
        var entry = Registered();

        var result = entry.Disqualify(phase, "Presentó fotos de otra familia", OfficerId, Now);

        Assert.True(result.Succeeded);
        Assert.Equal((EntryStatus.Disqualified, "Presentó fotos de otra familia"), (entry.Status, entry.StatusReason));
    }

    [Theory]
    [InlineData(RoundPhase.Published)]
    [InlineData(RoundPhase.Final)]
    public void Disqualify_AfterResultsArePublished_IsRefused(RoundPhase phase)
    {
        var entry = Registered();

        var error = Assert.Single(entry.Disqualify(phase, "Presentó fotos de otra familia", OfficerId, Now).Errors);

        Assert.Equal([EntryStatus.Disqualified, (object)phase], error.Arguments);
        Assert.Equal(EntryStatus.Registered, entry.Status);
    }

    [Fact]
    public void Disqualify_AWithdrawnEntry_IsRefused() =>
        Assert.Equal("Entry.NotActive", Assert.Single(Withdrawn().Disqualify(RoundPhase.Judging, "Fraude", OfficerId, Now).Errors).Code);

    [Fact]
    public void SetBaseline_UpToThreeActivities_InOrder()
    {
        var entry = Registered();

        var result = entry.SetBaseline(RoundPhase.RegistrationClosed, [Item("Cuyes"), Item("Biohuerto"), Item("Cocina mejorada")]);

        Assert.True(result.Succeeded);
        Assert.True(entry.HasBaseline);
        Assert.Equal([("Cuyes", 0), ("Biohuerto", 1), ("Cocina mejorada", 2)], entry.Baseline.Select(i => (i.Activity, i.Position)));
    }

    [Fact]
    public void SetBaseline_ReplacesTheEarlierRecord()
    {
        var entry = Registered();
        entry.SetBaseline(RoundPhase.Open, [Item("Cuyes"), Item("Biohuerto")]);

        entry.SetBaseline(RoundPhase.Judging, [Item("Cocina mejorada")]);

        Assert.Equal("Cocina mejorada", Assert.Single(entry.Baseline).Activity);
    }

    [Fact]
    public void SetBaseline_FourActivities_IsRefused()
    {
        var entry = Registered();

        var error = Assert.Single(entry.SetBaseline(RoundPhase.Open, [Item(), Item(), Item(), Item()]).Errors);

        Assert.Equal(("Baseline.TooMany", "Items", 3), (error.Code, error.Field, (int)error.Arguments[0]));
        Assert.False(entry.HasBaseline);
    }

    [Fact]
    public void SetBaseline_Empty_IsRefused()
    {
        var error = Assert.Single(Registered().SetBaseline(RoundPhase.Open, []).Errors);

        Assert.Equal(("Baseline.Empty", "Items"), (error.Code, error.Field));
    }

    [Fact]
    public void SetBaseline_WithdrawnEntry_IsRefused() =>
        Assert.Equal("Entry.NotActive", Assert.Single(Withdrawn().SetBaseline(RoundPhase.Open, [Item()]).Errors).Code);

    [Theory]
    [InlineData(RoundPhase.Draft)]
    [InlineData(RoundPhase.Review)]
    [InlineData(RoundPhase.Published)]
    public void SetBaseline_OutsideRegistrationAndJudging_IsRefused(RoundPhase phase)
    {
        var entry = Registered();

        var error = Assert.Single(entry.SetBaseline(phase, [Item()]).Errors);

        Assert.Equal(("Baseline.Phase", (object)phase), (error.Code, error.Arguments[0]));
        Assert.False(entry.HasBaseline);
    }

    [Fact]
    public void BaselineItem_Create_CleansText_AndKeepsNumbers()
    {
        var errors = new List<DomainError>();

        var item = BaselineItem.Create("  Crianza de   cuyes ", 12.5m, " kg ", 360m, "  Galpón  de adobe ", "Items[0]", errors);

        Assert.Empty(errors);
        Assert.Equal(("Crianza de cuyes", 12.5m, "kg", (decimal?)360m, "Galpón de adobe"), (item!.Activity, item.Quantity, item.Unit, item.EstimatedValue, item.Notes));
    }

    [Fact]
    public void BaselineItem_Create_ReportsEveryMissingField_UnderItsRow()
    {
        var errors = new List<DomainError>();

        var item = BaselineItem.Create(" ", null, null, null, null, "Items[2]", errors);

        Assert.Null(item);
        Assert.Equal(
        [
            ("Validation.Required", "Items[2].Activity"),
            ("Validation.Required", "Items[2].Unit"),
            ("Validation.Required", "Items[2].Quantity"),
        ], errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void BaselineItem_Create_NegativeQuantityOrValue_IsRefused()
    {
        var errors = new List<DomainError>();

        var item = BaselineItem.Create("Cuyes", -1m, "cabezas", -0.01m, null, "Items[1]", errors);

        Assert.Null(item);
        Assert.Equal(
        [
            ("Baseline.QuantityNegative", "Items[1].Quantity"),
            ("Baseline.ValueNegative", "Items[1].EstimatedValue"),
        ], errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void BaselineItem_Create_ZeroQuantityAndNoValue_AreAccepted()
    {
        var errors = new List<DomainError>();

        var item = BaselineItem.Create("Biohuerto", 0m, "m²", null, null, "Items[0]", errors);

        Assert.Empty(errors);
        Assert.Equal((0m, (decimal?)null), (item!.Quantity, item.EstimatedValue));
    }

    [Fact]
    public void BaselineItem_Create_TextOverTheLimits_IsRefused()
    {
        var errors = new List<DomainError>();

        BaselineItem.Create(new string('a', BaselineItem.ActivityMaxLength + 1), 1m, new string('u', BaselineItem.UnitMaxLength + 1), null,
            new string('n', BaselineItem.NotesMaxLength + 1), "Items[0]", errors);

        Assert.Equal(
        [
            ("Validation.MaxLength", "Items[0].Activity"),
            ("Validation.MaxLength", "Items[0].Unit"),
            ("Validation.MaxLength", "Items[0].Notes"),
        ], errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void BaselineItem_Create_LabelsFieldsWithoutTheRowPrefix()
    {
        var errors = new List<DomainError>();

        BaselineItem.Create(null, null, null, null, null, "Items[0]", errors);

        Assert.Equal([new FieldLabel("Activity"), new FieldLabel("Unit"), new FieldLabel("Quantity")], errors.Select(e => (FieldLabel)e.Arguments[0]));
    }

    [Fact]
    public void AddPhoto_SameFileTwice_IsRefused()
    {
        var entry = Registered();
        entry.AddPhoto(RoundPhase.Open, Photo(Sha(1)));

        var error = Assert.Single(entry.AddPhoto(RoundPhase.Open, Photo(Sha(1))).Errors);

        Assert.Equal(("Photo.Duplicate", "Photo"), (error.Code, error.Field));
        Assert.Single(entry.Photos);
    }

    [Fact]
    public void AddPhoto_UpToTheLimit_ThenRefused()
    {
        var entry = Registered();

        var added = Enumerable.Range(1, BaselinePhoto.MaxPerEntry).Select(i => entry.AddPhoto(RoundPhase.RegistrationClosed, Photo(Sha(i))).Succeeded).ToList();
        var extra = entry.AddPhoto(RoundPhase.RegistrationClosed, Photo(Sha(99)));

        Assert.All(added, Assert.True);
        var error = Assert.Single(extra.Errors);
        Assert.Equal(("Photo.TooMany", 6), (error.Code, (int)error.Arguments[0]));
        Assert.Equal(BaselinePhoto.MaxPerEntry, entry.Photos.Count);
    }

    [Fact]
    public void AddPhoto_WithdrawnEntry_OrAfterJudging_IsRefused()
    {
        Assert.Equal("Entry.NotActive", Assert.Single(Withdrawn().AddPhoto(RoundPhase.Open, Photo(Sha(1))).Errors).Code);
        Assert.Equal("Baseline.Phase", Assert.Single(Registered().AddPhoto(RoundPhase.Review, Photo(Sha(1))).Errors).Code);
    }

    [Fact]
    public void BaselinePhoto_Create_KeepsOnlyTheFileName_AndWhatTheBytesSaid()
    {
        var photo = BaselinePhoto.Create("/storage/DCIM/Camera/casa antes.jpg", new ImageInfo("image/jpeg", ".jpg", 4000, 3000), 2_500_000, Sha(1), 6, Now);

        Assert.Equal(("casa antes.jpg", "image/jpeg", 4000, 3000, 2_500_000L), (photo.FileName, photo.ContentType, photo.Width, photo.Height, photo.Bytes));
        Assert.Equal((Sha(1), 6, Now), (photo.Sha256, photo.UploadedByUserId, photo.UploadedUtc));
    }

    [Fact]
    public void BaselinePhoto_Create_NoUsableName_IsCalledFoto_AndLongNamesAreCut()
    {
        var image = new ImageInfo("image/png", ".png", 10, 10);

        Assert.Equal("foto", BaselinePhoto.Create("  ", image, 100, Sha(1), 6, Now).FileName);
        Assert.Equal(BaselinePhoto.FileNameMaxLength, BaselinePhoto.Create(new string('f', 300) + ".png", image, 100, Sha(2), 6, Now).FileName.Length);
    }
}
