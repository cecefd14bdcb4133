using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Judging;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>One sheet as the seed made it: its id, part, how many criteria (with their maxima) and baseline items it has.</summary>
internal sealed record SeededSheet(int SheetId, int EntryId, int PartIndex, IReadOnlyList<decimal> MaxPoints, int AchievedCount);

/// <summary>One juror: the account (user name and the one-time password the app generated for it) and their sheets.</summary>
internal sealed record SeededJuror(int Index, int UserId, int MemberId, string UserName, string Password, IReadOnlyList<SeededSheet> Sheets);

/// <summary>What the seed made, for the client and for the checks afterwards.</summary>
internal sealed record SeededRound(int RoundId, int Entries, IReadOnlyList<SeededJuror> Jurors)
{
    public int Sheets => Jurors.Sum(j => j.Sheets.Count);
}

/// <summary>What the checks found in the database after the run, against what the client sent.</summary>
internal sealed record Verification(int SheetsExpected, int SheetsFound, int DuplicateSheets, int NotSubmitted, int LostSaves, int DuplicatedSaves,
    int ValueMismatches, int AuditMismatches, int SubmittedTwice, long AuditRecordsChecked, bool AuditChainIntact, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// The app in process (<see cref="WebApplicationFactory{TEntryPoint}"/> on the real <c>Program</c>, no sockets) against
/// the benchmark's database: it migrates the schema and seeds the demo programme (Demo:Enabled), then the round of the
/// benchmark is made with the app's own services and domain model — the same calls an officer's screens make — before
/// the server process starts and the clock runs. After the run, the same host reads the database back for the checks.
/// </summary>
internal sealed class JudgingLoadSeed : IAsyncDisposable
{
    public const string RoundName = "Carga de jurados — concurso interfamiliar (benchmark)";

    private readonly WebApplicationFactory<Program> _root;
    private readonly WebApplicationFactory<Program> _factory;

    private JudgingLoadSeed(WebApplicationFactory<Program> root, WebApplicationFactory<Program> factory)
    {
        _root = root;
        _factory = factory;
    }

    public static JudgingLoadSeed Start(BenchDatabase database, string storagePath)
    {
        var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(PageRenderBenchmarks.WebContentRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Demo:Enabled", "true"); // migrates, seeds the programme, its offices, funding and communities
            builder.UseSetting("Scheduling:RunJobs", "false");
            builder.UseSetting("Storage:Path", storagePath);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = factory.Services; // starts the app: migration and demo seeding happen here
        return new JudgingLoadSeed(root, factory);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
    }

    /// <summary>
    /// A households round in Judging with <paramref name="jurors"/> entries (households imported through the app's
    /// CSV importer), a two-part rubric (field visit: 3 criteria; public presentation: 2), each part wanting 5 jurors
    /// per entry; <paramref name="jurors"/> LRAC members added with <see cref="Lrac.AddAsync"/> (each gets an account
    /// "clar.&lt;DNI&gt;" and a generated one-time password), all field and public jurors, none tied to an entry;
    /// then <see cref="Assignments.ApplyAsync"/> makes the sheets: 5 + 5 per entry, so 10 per juror.
    /// </summary>
    public async Task<SeededRound> SeedAsync(int jurors, CancellationToken ct)
    {
        var services = _factory.Services;
        int roundId;
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:judging-seed");
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
            using var file = new MemoryStream(HouseholdCsv.Generate(jurors), writable: false);
            var import = await importer.ImportAsync(ImportKind.Households, file, "bench-judging-households.csv", null, null, ct);
            if (!import.Succeeded)
            {
                throw new BenchmarkCheckException("seed: the households file was refused: "
                    + string.Join(" | ", import.Problems.Take(5).Select(p => Invariant($"row {p.Row}, {p.Column}: {p.Message}"))));
            }
            roundId = await CreateRoundAsync(db, import.ImportId!.Value, ct);
        }

        // Members through the app's service: its checks, its account and password, its audit records. Two at a time
        // (password hashing is most of the cost); each in its own scope, as each would be its own request.
        var accounts = new (string UserName, string Password)[jurors];
        await Parallel.ForAsync(0, jurors, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) =>
            {
                using var scope = services.CreateScope();
                scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:judging-seed");
                var round = await scope.ServiceProvider.GetRequiredService<RoundCatalog>().FindAsync(roundId, token)
                    ?? throw new BenchmarkCheckException("seed: the round vanished.");
                var (result, account) = await scope.ServiceProvider.GetRequiredService<Lrac>().AddAsync(round, new MemberForm
                {
                    FullName = Invariant($"Jurado de carga {i + 1:000}"),
                    Dni = JurorDni(i),
                    Affiliation = Affiliation.Other,
                    AffiliationName = "Agencia Agraria Abancay",
                    Role = LracRole.Member,
                    FieldJuror = true,
                    PublicJuror = true,
                }, token);
                if (!result.Succeeded || account?.Password is null)
                {
                    throw new BenchmarkCheckException(Invariant($"seed: juror {i + 1} was refused: ")
                        + string.Join(", ", result.Errors.Select(e => e.Code)) + (account?.Password is null ? " (no new account)" : ""));
                }
                accounts[i] = (account.UserName, account.Password);
            });

        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:judging-seed");
            var round = await scope.ServiceProvider.GetRequiredService<RoundCatalog>().FindAsync(roundId, ct)
                ?? throw new BenchmarkCheckException("seed: the round vanished.");
            var (result, added, removed) = await scope.ServiceProvider.GetRequiredService<Assignments>().ApplyAsync(round, ct);
            if (!result.Succeeded || removed != 0)
            {
                throw new BenchmarkCheckException("seed: assignment failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }
            if (added != jurors * 10)
            {
                throw new BenchmarkCheckException(Invariant($"seed: the assignment made {added} sheets, expected {jurors * 10} (5 + 5 per entry)."));
            }
        }
        return await ReadSeedAsync(roundId, accounts, ct);
    }

    /// <summary>
    /// Reads the database back and compares it with what the client sent and was told. Every check that fails adds
    /// a problem; the caller fails the run on any.
    /// </summary>
    public async Task<Verification> VerifyAsync(SeededRound seed, IReadOnlyDictionary<int, SheetExpectation> expected, CancellationToken ct)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var problems = new List<string>();
        void Problem(string text)
        {
            if (problems.Count < 50)
            {
                problems.Add(text);
            }
        }

        var memberIds = seed.Jurors.Select(j => j.MemberId).ToList();
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => memberIds.Contains(s.JurorId)).ToListAsync(ct);
        var duplicates = sheets.GroupBy(s => (s.EntryId, s.JurorId, s.PartIndex)).Where(g => g.Count() > 1).Sum(g => g.Count() - 1);
        if (duplicates > 0)
        {
            Problem(Invariant($"{duplicates} duplicate sheet(s) for the same entry, juror and part"));
        }
        if (sheets.Count != seed.Sheets)
        {
            Problem(Invariant($"{sheets.Count} sheets in the database, {seed.Sheets} seeded"));
        }

        // Every applied save of a sheet wrote exactly one audit record "Modified ScoreSheet <id>" (the revision and the
        // save id change every time); a repeated save id writes none.
        var sheetIds = sheets.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var audits = await db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(ScoreSheet) && a.Action == "Modified")
            .Select(a => new { a.EntityId, a.ActorUserId, a.After })
            .ToListAsync(ct);
        var auditsBySheet = audits.Where(a => sheetIds.Contains(a.EntityId)).ToLookup(a => a.EntityId, StringComparer.Ordinal);
        var userOfMember = seed.Jurors.ToDictionary(j => j.MemberId, j => j.UserId);

        int notSubmitted = 0, lost = 0, duplicated = 0, mismatches = 0, auditMismatches = 0, submittedTwice = 0;
        foreach (var sheet in sheets)
        {
            if (!expected.TryGetValue(sheet.Id, out var want))
            {
                Problem(Invariant($"sheet {sheet.Id}: not one the client worked on"));
                continue;
            }
            if (sheet.State != SheetState.Submitted || sheet.SubmittedUtc is null || sheet.Reopened != 0)
            {
                notSubmitted++;
                Problem(Invariant($"sheet {sheet.Id}: state {sheet.State}, reopened {sheet.Reopened}"));
            }
            if (sheet.Revision < want.Revision)
            {
                lost += want.Revision - sheet.Revision;
                Problem(Invariant($"sheet {sheet.Id}: revision {sheet.Revision}, the client's applied saves say {want.Revision}"));
            }
            else if (sheet.Revision > want.Revision)
            {
                duplicated += sheet.Revision - want.Revision;
                Problem(Invariant($"sheet {sheet.Id}: revision {sheet.Revision}, the client's applied saves say {want.Revision}"));
            }
            if (!sheet.Points.SequenceEqual(want.Points) || !sheet.Achieved.SequenceEqual(want.Achieved)
                || !string.Equals(sheet.Comments, want.Comments, StringComparison.Ordinal) || sheet.LastSaveId != want.LastSaveId)
            {
                mismatches++;
                Problem(Invariant($"sheet {sheet.Id}: points [{string.Join(", ", sheet.Points)}], last sent [{string.Join(", ", want.Points)}]")
                    + (sheet.LastSaveId != want.LastSaveId ? " (last save id differs)" : ""));
            }
            var records = auditsBySheet[sheet.Id.ToString(CultureInfo.InvariantCulture)].ToList();
            var submits = records.Count(r => r.After?.Contains("\"State\":\"Submitted\"", StringComparison.Ordinal) == true);
            if (submits != 1)
            {
                submittedTwice += submits > 1 ? 1 : 0;
                Problem(Invariant($"sheet {sheet.Id}: {submits} audit records of a submit, expected 1"));
            }
            if (records.Count != want.Revision || records.Any(r => r.ActorUserId != userOfMember[sheet.JurorId]))
            {
                auditMismatches++;
                Problem(Invariant($"sheet {sheet.Id}: {records.Count} audit records of changes (expected {want.Revision}), actors ")
                    + string.Join(", ", records.Select(r => r.ActorUserId).Distinct()));
            }
        }
        var chain = scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify();
        if (!chain.IsIntact)
        {
            Problem(Invariant($"the audit chain is broken at sequence {chain.BrokenAtSequence}: {chain.Reason}"));
        }
        return new Verification(seed.Sheets, sheets.Count, duplicates, notSubmitted, lost, duplicated, mismatches, auditMismatches, submittedTwice,
            chain.RecordsChecked, chain.IsIntact, problems);
    }

    /// <summary>The juror DNIs: 60,000,000 and up, never one of the register's (the imported file's are below 40,000,000, the demo's 41–49 million).</summary>
    private static string JurorDni(int index) => (60_000_000 + index).ToString("D8", CultureInfo.InvariantCulture);

    private static async Task<int> CreateRoundAsync(ContestsDbContext db, int importId, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var officer = await db.Users.Where(u => u.UserName == "oficial").Select(u => u.Id).SingleAsync(ct);
        var programme = await db.Programmes.Include(p => p.Offices).OrderBy(p => p.Id).FirstAsync(ct);
        var office = programme.Offices.OrderBy(o => o.Id).First().Id;
        var source = await db.FundingSources.Where(f => f.ProgrammeId == programme.Id && f.Kind == FundingSourceKind.ProjectLoanOrGrant)
            .Select(f => f.Id).FirstAsync(ct);

        var (created, round) = ContestRound.Create(programme.Id, new RoundSetup
        {
            Name = RoundName,
            LocalOfficeId = office,
            Level = RoundLevel.Households,
            PoolBy = PoolBy.Community,
            Themes = new HashSet<Theme> { Theme.SoilAndWater },
            Scope = RoundScope.Everywhere,
        }, officer, now.AddDays(-60));
        Must(created, "create the round");
        var errors = new List<DomainError>();
        var rubric = Rubric.Create(
        [
            new RubricPart("Evaluación de campo",
            [
                new Criterion("Obras de conservación construidas", null, 20m, 1m),
                new Criterion("Manejo del agua", null, 15m, 1m),
                new Criterion("Participación de la familia", null, 15m, 1m),
            ], 3, 5, Aggregation.Mean),
            new RubricPart("Exposición pública",
            [
                new Criterion("Claridad de la presentación", null, 25m, 1m),
                new Criterion("Resultados y aprendizajes", null, 25m, 1m),
            ], 3, 5, Aggregation.Mean, PartVenue.Public),
        ], 70m, errors) ?? throw new BenchmarkCheckException("seed: rubric refused: " + string.Join(", ", errors.Select(e => e.Code)));
        Must(round!.SetRules(new RoundRules(rubric, new PrizeRules
        {
            Method = AllocationMethod.FixedTiers,
            Tiers = [500m, 300m, 150m],
            BudgetLines = [new BudgetLine(source, 10_000m)],
        }), null, officer, now.AddDays(-55)), "set the rules");
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        var ready = new PhaseFacts { HasRubric = true, HasBudget = true };
        Must(round.MoveTo(RoundPhase.Open, ready, false, officer, now.AddDays(-50)), "open the round");
        await db.SaveChangesAsync(ct);

        var households = await (from h in db.Households
                                join c in db.Communities on h.CommunityId equals c.Id
                                where h.ImportId == importId
                                orderby h.Id
                                select new { h.Id, h.HeadFirstNames, h.HeadLastNames, h.WomenHeaded, h.CommunityId, c.DistrictUbigeo, Community = c.Name })
            .ToListAsync(ct);
        var entries = households.Select((h, i) =>
        {
            var competitor = new Entry.Competitor(h.Id, $"{h.HeadLastNames}, {h.HeadFirstNames}", h.CommunityId, h.DistrictUbigeo, h.WomenHeaded);
            var (result, entry) = Entry.Register(round, competitor, new PoolAssignment("C:" + h.CommunityId.ToString(CultureInfo.InvariantCulture), h.Community),
                null, null, new EligibilityResult([], []), i + 1, officer, now.AddDays(-45).AddMinutes(i));
            Must(result, "register an entry");
            var itemErrors = new List<DomainError>();
            Must(entry!.SetBaseline(RoundPhase.Open,
            [
                BaselineItem.Create("Terrazas de formación lenta", 40 + (i % 50), "m lineales", 300m, null, "Items[0]", itemErrors)!,
                BaselineItem.Create("Riego por aspersión", 200 + (i % 7 * 50), "m²", 400m, null, "Items[1]", itemErrors)!,
            ]), "set a baseline");
            return entry;
        }).ToList();
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        var registered = ready with { Entries = entries.Count };
        Must(round.MoveTo(RoundPhase.RegistrationClosed, registered, false, officer, now.AddDays(-10)), "close registration");
        Must(round.MoveTo(RoundPhase.Judging, registered, false, officer, now.AddDays(-3)), "start judging");
        await db.SaveChangesAsync(ct);
        return round.Id;
    }

    private async Task<SeededRound> ReadSeedAsync(int roundId, (string UserName, string Password)[] accounts, CancellationToken ct)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var round = await scope.ServiceProvider.GetRequiredService<RoundCatalog>().FindAsync(roundId, ct)
            ?? throw new BenchmarkCheckException("seed: the round vanished.");
        var parts = round.CurrentRules!.Rules.Rubric.Parts;
        var members = await db.LracMembers.AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => members.Select(m => m.UserId).Contains(u.Id)).ToDictionaryAsync(u => u.UserName, u => u.Id, ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => memberIds.Contains(s.JurorId)).OrderBy(s => s.Id).ToListAsync(ct);
        var baselines = await db.Entries.AsNoTracking().Where(e => e.RoundId == roundId)
            .Select(e => new { e.Id, Items = e.Baseline.Count }).ToDictionaryAsync(e => e.Id, e => e.Items, ct);
        var jurors = accounts.Select((account, i) =>
        {
            var userId = users[account.UserName];
            var member = members.Single(m => m.UserId == userId);
            var own = sheets.Where(s => s.JurorId == member.Id)
                .Select(s => new SeededSheet(s.Id, s.EntryId, s.PartIndex, [.. parts[s.PartIndex].Criteria.Select(c => c.MaxPoints)], baselines[s.EntryId]))
                .ToList();
            return new SeededJuror(i, userId, member.Id, account.UserName, account.Password, own);
        }).ToList();
        return new SeededRound(roundId, baselines.Count, jurors);
    }

    private static void Must(Result result, string what)
    {
        if (!result.Succeeded)
        {
            throw new BenchmarkCheckException($"seed: could not {what}: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
