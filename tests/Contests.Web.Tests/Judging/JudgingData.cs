using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Features.Judging;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using RoundsService = Contests.Web.Features.Rounds.RoundCatalog;

namespace Contests.Web.Tests.Judging;

/// <summary>A seat on the seeded LRAC and the account that sits in it.</summary>
public sealed record Juror(int MemberId, int UserId, string UserName, string FullName);

/// <summary>
/// A household round in phase Judging (<see cref="JudgingData.SeedAsync"/>): entries N.° 1 Juana, N.° 2 Pedro and
/// N.° 3 Rosa of Ccollpa, N.° 4 María and N.° 5 Hilda of Villa Ampay (<see cref="Entries"/>, by number), and an LRAC
/// of three field jurors — <see cref="Lrac"/> (president, the test user "t-lrac"), <see cref="Other"/> (secretary,
/// account "clar.43927504") and <see cref="Neighbour"/> (Pedro himself, who represents Ccollpa: conflicted with
/// every entry of Ccollpa, and with his own household).
/// </summary>
public sealed record JudgingRound(int Id, RoundWorld World, IReadOnlyList<int> Entries, Juror Lrac, Juror Other, Juror Neighbour, int OfficerId)
{
    /// <summary>The entry with number <paramref name="number"/> (1 to 5).</summary>
    public int Entry(int number) => Entries[number - 1];
}

/// <summary>
/// Seeds judging through the domain and the app's own services: LRAC members with <see cref="LracMember.Add"/> and
/// their accounts, sheets with the real <see cref="Assignments.ApplyAsync"/>, conflicts with
/// <see cref="Lrac.DeclareAsync"/>, submissions with <see cref="ScoreSheet.Submit"/>. Rounds and households come from
/// <see cref="RoundData"/>.
/// </summary>
public sealed class JudgingData(ContestsApp app)
{
    public const string FieldPart = "Evaluación de campo";
    public const string Works = "Obras de conservación";
    public const string Water = "Manejo del agua";
    public const string Family = "Participación de la familia";

    public const string LracName = "Lucio Huamaní Ccahua";
    public const string LracDni = "42816395";
    public const string OtherName = "Yolanda Sarmiento Quispe";
    public const string OtherDni = "43927504";
    public const string NeighbourName = "Pedro Huamán Ccori";
    public const string NeighbourDni = "40111222"; // Pedro's own DNI, head of his household in Ccollpa (see RoundData.WorldAsync)

    // PBKDF2 is slow on purpose; the default hasher's output does not depend on the user, so hash once.
    private static readonly Lazy<string> PasswordHash = new(() => TestUsers.Hasher().HashPassword(null!, TestUsers.Password));

    public RoundData Rounds { get; } = new(app);

    public RegistryData Registry => Rounds.Registry;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// One field part, "Evaluación de campo": Obras de conservación (20), Manejo del agua (15) and Participación de
    /// la familia (15), two jurors per entry, their mean; approved from 30; prizes 600/400.
    /// </summary>
    public static RoundRules Rules(int sourceId, Aggregation aggregation = Aggregation.Mean, int minJurors = 2, int maxJurors = 2)
    {
        var errors = new List<DomainError>();
        var rubric = Rubric.Create(
        [
            new RubricPart(FieldPart, [new Criterion(Works, null, 20m, 1m), new Criterion(Water, null, 15m, 1m), new Criterion(Family, null, 15m, 1m)],
                minJurors, maxJurors, aggregation),
        ], 30m, errors);
        Assert.Empty(errors);
        return new RoundRules(rubric!, new PrizeRules { Tiers = [600m, 400m], BudgetLines = [new BudgetLine(sourceId, 1_000m)] });
    }

    /// <summary>
    /// The round of <see cref="JudgingRound"/>; with <paramref name="assign"/>, the sheets too: t-lrac scores N.° 1–4,
    /// the secretary N.° 1, 2, 3 and 5, Pedro N.° 4 and 5 (two jurors per entry, loads 4, 4 and 2).
    /// </summary>
    public async Task<JudgingRound> SeedAsync(bool assign = true)
    {
        var world = await Rounds.WorldAsync();
        var rosa = await Registry.AddHouseholdAsync(world.Ccollpa, "Rosa", "Condori Taipe", "40222333", "F");
        var hilda = await Registry.AddHouseholdAsync(world.Ampay, "Hilda", "Layme Chipana", "40333444", "F");
        var round = await Rounds.RoundAsync(world, RoundPhase.Judging, rules: Rules(world.SourceId));
        List<int> entries = [];
        foreach (var household in new[] { world.Juana, world.Pedro, rosa, world.Maria, hilda })
        {
            entries.Add(await Rounds.EnterHouseholdAsync(round, household));
        }
        var lrac = await AddMemberAsync(round, await Rounds.UserIdAsync(TestUsers.Lrac), new LracMemberInput
        {
            FullName = LracName, Dni = LracDni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true,
        });
        var other = await AddMemberAsync(round, await AccountAsync(OtherDni, OtherName), new LracMemberInput
        {
            FullName = OtherName, Dni = OtherDni, Affiliation = Affiliation.Municipality, AffiliationName = "Municipalidad Provincial de Abancay",
            Role = LracRole.Secretary, FieldJuror = true,
        });
        var neighbour = await AddMemberAsync(round, await AccountAsync(NeighbourDni, NeighbourName), new LracMemberInput
        {
            FullName = NeighbourName, Dni = NeighbourDni, Affiliation = Affiliation.Community, CommunityId = world.Ccollpa,
            Role = LracRole.Member, FieldJuror = true,
        });
        if (assign)
        {
            await AssignAsync(round);
        }
        return new JudgingRound(round, world, entries, lrac, other, neighbour, await Rounds.UserIdAsync());
    }

    /// <summary>
    /// A round whose one part is a trimmed mean scored by five jurors (t-lrac and four accounts of their own, none
    /// conflicted): N.° 1 Juana and N.° 2 Pedro of Ccollpa, N.° 3 María of Villa Ampay, every sheet assigned.
    /// </summary>
    public async Task<(int Round, IReadOnlyList<int> Entries, IReadOnlyList<Juror> Jurors)> SeedFiveJurorsAsync()
    {
        var world = await Rounds.WorldAsync();
        var round = await Rounds.RoundAsync(world, RoundPhase.Judging, rules: Rules(world.SourceId, Aggregation.TrimmedMean, 5, 5));
        List<int> entries = [];
        foreach (var household in new[] { world.Juana, world.Pedro, world.Maria })
        {
            entries.Add(await Rounds.EnterHouseholdAsync(round, household));
        }
        (string Name, string Dni)[] seats =
        [
            ("Ana Ccahua Rojas", "45000001"), ("Benito Flores Quispe", "45000002"), ("Carmen Huillca Sota", "45000003"),
            ("Dionisio Puma Ccori", "45000004"), ("Elena Taipe Layme", "45000005"),
        ];
        List<Juror> jurors = [];
        foreach (var (name, dni) in seats)
        {
            var userId = jurors.Count == 0 ? await Rounds.UserIdAsync(TestUsers.Lrac) : await AccountAsync(dni, name);
            jurors.Add(await AddMemberAsync(round, userId, new LracMemberInput
            {
                FullName = name, Dni = dni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
                Role = jurors.Count == 0 ? LracRole.President : LracRole.Member, FieldJuror = true,
            }));
        }
        await AssignAsync(round);
        return (round, entries, jurors);
    }

    /// <summary>A member's account as <see cref="Lrac.AddAsync"/> makes it ("clar." and the DNI, role LracMember), with the test password.</summary>
    public async Task<int> AccountAsync(string dni, string fullName)
    {
        var user = await Registry.WriteAsync(db =>
        {
            var u = User.Create(UserName.Parse(Lrac.AccountName(dni)), fullName, [Role.LracMember], Now);
            u.SetPasswordHash(PasswordHash.Value);
            return db.Users.Add(u).Entity;
        });
        return user.Id;
    }

    public async Task<Juror> AddMemberAsync(int roundId, int userId, LracMemberInput input)
    {
        var errors = new List<DomainError>();
        var details = LracMemberDetails.Parse(input, errors);
        Assert.Empty(errors);
        var member = await Registry.WriteAsync(db => db.LracMembers.Add(LracMember.Add(roundId, userId, details!, Now)).Entity);
        var userName = await Registry.ReadAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleAsync());
        return new Juror(member.Id, userId, userName, member.FullName);
    }

    /// <summary>Runs the real assignment (what the officer's "Asignar" does); returns the sheets added.</summary>
    public Task<int> AssignAsync(int roundId) => WithServicesAsync(async services =>
    {
        var round = await services.GetRequiredService<RoundsService>().FindAsync(roundId, CancellationToken.None);
        var (result, added, _) = await services.GetRequiredService<Assignments>().ApplyAsync(round!, CancellationToken.None);
        Must(result);
        return added;
    });

    /// <summary>A conflict declared through the app's service, as the officer's or the juror's form does.</summary>
    public Task DeclareAsync(int roundId, int memberId, int entryId, string reason) => WithServicesAsync(async services =>
    {
        var round = await services.GetRequiredService<RoundsService>().FindAsync(roundId, CancellationToken.None);
        var lrac = services.GetRequiredService<Lrac>();
        var member = await lrac.FindAsync(roundId, memberId, CancellationToken.None);
        var officer = await services.GetRequiredService<ContestsDbContext>().Users.Where(u => u.UserName == TestUsers.Officer).Select(u => u.Id).SingleAsync();
        Must(await lrac.DeclareAsync(round!, member!, entryId, reason, officer, CancellationToken.None));
        return 0;
    });

    /// <summary>The sheet of a juror for an entry (the round's one part), or null when there is none.</summary>
    public Task<int?> SheetIdAsync(int memberId, int entryId) =>
        Registry.ReadAsync(db => db.ScoreSheets.Where(s => s.JurorId == memberId && s.EntryId == entryId).Select(s => (int?)s.Id).SingleOrDefaultAsync());

    public async Task<int> SheetOfAsync(Juror juror, int entryId) =>
        await SheetIdAsync(juror.MemberId, entryId) ?? throw new InvalidOperationException($"{juror.FullName} has no sheet for entry {entryId}.");

    public Task<ScoreSheet> ReadSheetAsync(int sheetId) => Registry.ReadAsync(db => db.ScoreSheets.AsNoTracking().SingleAsync(s => s.Id == sheetId));

    /// <summary>Every sheet of the round's jurors, by entry then juror.</summary>
    public Task<List<ScoreSheet>> ReadSheetsAsync(int roundId) => Registry.ReadAsync(db =>
        (from s in db.ScoreSheets.AsNoTracking()
         join m in db.LracMembers on s.JurorId equals m.Id
         where m.RoundId == roundId
         orderby s.EntryId, s.JurorId
         select s).ToListAsync());

    /// <summary>Submits a sheet as its juror would (points in criterion order), straight through the domain.</summary>
    public Task SubmitAsync(int sheetId, params decimal[] points) => Registry.WriteAsync(db =>
    {
        var sheet = db.ScoreSheets.Single(s => s.Id == sheetId);
        Must(sheet.Submit(PartOf(db, sheet), [.. points.Select(p => (decimal?)p)], null, Guid.NewGuid(), sheet.Revision, Now));
        return 0;
    });

    /// <summary>Submits every sheet of the round not yet submitted, each with the same points.</summary>
    public async Task SubmitAllAsync(int roundId, params decimal[] points)
    {
        foreach (var sheet in (await ReadSheetsAsync(roundId)).Where(s => s.State == SheetState.Draft))
        {
            await SubmitAsync(sheet.Id, points);
        }
    }

    /// <summary>Reopens a submitted sheet (as the officer would, with a reason), straight through the domain.</summary>
    public Task ReopenAsync(int sheetId) => Registry.WriteAsync(db =>
    {
        Must(db.ScoreSheets.Single(s => s.Id == sheetId).Reopen("Prueba de concurrencia", byPresidentOrOfficer: true));
        return 0;
    });

    private static RubricPart PartOf(ContestsDbContext db, ScoreSheet sheet)
    {
        var roundId = db.LracMembers.Where(m => m.Id == sheet.JurorId).Select(m => m.RoundId).Single();
        var rules = db.Set<RoundRulesVersion>().Where(v => v.RoundId == roundId).OrderByDescending(v => v.Number).Select(v => v.Rules).First();
        return rules.Rubric.Parts[sheet.PartIndex];
    }

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(RegistryData.SetupActor);
        return await work(scope.ServiceProvider);
    }

    private static void Must(Result result) =>
        Assert.True(result.Succeeded, "Seed data broke a rule: " + string.Join(", ", result.Errors.Select(e => e.Code)));
}
