using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Rounds;

/// <summary>A competitor found by the registration search, with whether it can enter (and why not).</summary>
public sealed record CandidateRow(int Id, string Name, string Place, bool Women, IReadOnlyList<DomainError> Refusals, IReadOnlyList<DomainError> Flags);

public sealed record EntryImportResult(string FileName, int Rows, IReadOnlyList<ImportProblem> Problems, int Registered)
{
    public bool Succeeded => Problems.Count == 0 && Registered > 0;

    /// <summary>The message code when the file as a whole is wrong (not a text file, empty, a header without rows); else null.</summary>
    public string? FileProblem { get; init; }
}

public sealed record EntryRow(int Id, int Number, string Name, string Pool, string? Category, EntryStatus Status, bool Women, bool HasBaseline,
    bool NoVerifiedAccount, DateTime RegisteredUtc);

/// <summary>
/// Registering competitors in a round and taking them out. Eligibility is Core's; this class gathers
/// the facts (where the competitor is, earlier entries, accounts) and keeps, on the entry, where the
/// competitor was when it registered.
/// </summary>
public sealed class Entries(ContestsDbContext db, RoundCatalog rounds, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int SearchLimit = 20;

    public async Task<IReadOnlyList<EntryRow>> ListAsync(int roundId, CancellationToken ct) =>
        await db.Entries.AsNoTracking().Where(e => e.RoundId == roundId).OrderBy(e => e.PoolName).ThenBy(e => e.Number)
            .Select(e => new EntryRow(e.Id, e.Number, e.CompetitorName, e.PoolName, e.Category, e.Status, e.Women, e.Baseline.Any(),
                e.NoVerifiedAccount, e.RegisteredUtc))
            .ToListAsync(ct);

    public Task<Entry?> FindAsync(int roundId, int entryId, CancellationToken ct) =>
        db.Entries.Include(e => e.Baseline).Include(e => e.Photos).SingleOrDefaultAsync(e => e.RoundId == roundId && e.Id == entryId, ct);

    /// <summary>Competitors of the round's kind matching the search (name, number, or DNI for households), each with its eligibility.</summary>
    public async Task<IReadOnlyList<CandidateRow>> SearchAsync(ContestRound round, string? q, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var term = Text.Clean(q);
        if (term is null)
        {
            return [];
        }
        var key = Text.SearchKey(term);
        var communityKey = Text.Key(term);
        int? number = term.Length <= 7 && term.All(char.IsAsciiDigit) ? int.Parse(term, System.Globalization.CultureInfo.InvariantCulture) : null;
        // Those the round can take come first (a common surname matches people all over the programme).
        var districts = round.Level == RoundLevel.Organizations ? (await rounds.DistrictsOfAsync(round.Scope, ct)).ToArray() : [];
        var communities = (await CommunitiesInScopeAsync(round, ct)).ToArray();
        var everywhere = round.Scope.IsEverywhere;
        List<int> ids = round.Level switch
        {
            // A household by its name, number or DNI, or every household of a community by the
            // community's name (officers register a community's families one after another).
            RoundLevel.Households => await (from h in db.Households.AsNoTracking()
                                            join c in db.Communities on h.CommunityId equals c.Id
                                            where h.NameKey.Contains(key) || h.Id == number || (term.Length == Dni.Length && h.HeadDni == term)
                                                || c.NameKey.Contains(communityKey)
                                            orderby everywhere || EF.Parameter(communities).Contains(h.CommunityId) ? 0 : 1, h.HeadLastNames, h.HeadFirstNames
                                            select h.Id).Take(SearchLimit).ToListAsync(ct),
            RoundLevel.Communities => await db.Communities.AsNoTracking().Where(c => c.NameKey.Contains(communityKey) || c.Id == number)
                .OrderBy(c => everywhere || EF.Parameter(communities).Contains(c.Id) ? 0 : 1).ThenBy(c => c.Name)
                .Select(c => c.Id).Take(SearchLimit).ToListAsync(ct),
            _ => await db.Organizations.AsNoTracking().Where(o => o.NameKey.Contains(communityKey) || o.Id == number || o.Ruc == term)
                .OrderBy(o => everywhere || EF.Parameter(districts).Contains(o.DistrictUbigeo) ? 0 : 1).ThenBy(o => o.Name)
                .Select(o => o.Id).Take(SearchLimit).ToListAsync(ct),
        };
        var found = await CompetitorsAsync(round.Level, ids, ct);
        var candidates = await CandidatesAsync(round, found.Values, ct);
        return [.. ids.Select(id =>
        {
            var competitor = found[id];
            var result = Eligibility.Check(round.Phase, round.Level, round.Scope, candidates[id]);
            return new CandidateRow(id, competitor.Competitor.Name, competitor.PlaceName, competitor.Competitor.Women, result.Refusals, result.Flags);
        })];
    }

    /// <summary>The communities a round's scope covers: named ones, those of its districts, those of its watersheds.</summary>
    private async Task<IReadOnlyCollection<int>> CommunitiesInScopeAsync(ContestRound round, CancellationToken ct)
    {
        var scope = round.Scope;
        if (scope.IsEverywhere)
        {
            return [];
        }
        var districts = scope.Districts.ToArray();
        var watersheds = scope.Watersheds.ToArray();
        var byDistrict = await db.Communities.Where(c => districts.Contains(c.DistrictUbigeo)).Select(c => c.Id).ToListAsync(ct);
        var byWatershed = await db.Set<WatershedCommunity>().Where(w => watersheds.Contains(w.WatershedId)).Select(w => w.CommunityId).ToListAsync(ct);
        return scope.Communities.Concat(byDistrict).Concat(byWatershed).ToHashSet();
    }

    public async Task<(Result Result, Entry? Entry)> RegisterAsync(ContestRound round, EntryForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var found = form.CompetitorId is { } id ? (await CompetitorsAsync(round.Level, [id], ct)).GetValueOrDefault(id) : null;
        if (found is null)
        {
            return (Result.Fail(new DomainError("Entry.ChooseCompetitor", nameof(form.CompetitorId))), null);
        }
        var candidate = (await CandidatesAsync(round, [found], ct))[found.Competitor.Id];
        var (errors, entry) = Build(round, found, candidate, form, await NextNumberAsync(round, ct), userId);
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        db.Entries.Add(entry!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same competitor (or the same number) at the same moment: the
            // unique indexes let one through.
            db.ChangeTracker.Clear();
            return (Result.Fail(new DomainError("Entry.AlreadyEntered")), null);
        }
        return (Result.Success(), entry);
    }

    /// <summary>
    /// Registers every row of a CSV file (<see cref="ImportColumns"/>), or none: the whole file is
    /// checked first (who each row names, eligibility, the same competitor twice in the file) and any
    /// problem leaves the round as it was.
    /// </summary>
    public async Task<EntryImportResult> ImportAsync(ContestRound round, Stream content, string fileName, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var problems = new List<ImportProblem>();
        await using var file = await CsvFile.OpenAsync(content, ct);
        if (!file.IsText)
        {
            return new EntryImportResult(fileName, 0, [new ImportProblem(1, string.Empty, l["Import.NotText"])], 0) { FileProblem = "Import.NotText" };
        }
        var rows = ReadImport(file, problems, out var fileProblem);
        if (problems.Count > 0 || rows.Count == 0)
        {
            if (rows.Count == 0 && problems.Count == 0)
            {
                problems.Add(new ImportProblem(2, string.Empty, l["Import.Empty"]));
                fileProblem = "Import.Empty";
            }
            return new EntryImportResult(fileName, rows.Count, problems, 0) { FileProblem = fileProblem };
        }
        // Who each row names (one lookup per row), then what eligibility needs of all of them at once.
        var named = new List<(int Row, EntryForm Form, int Id)>();
        foreach (var (row, form, competitor) in rows)
        {
            var (id, error) = await FindForImportAsync(round.Level, competitor, ct);
            if (error is not null)
            {
                problems.Add(new ImportProblem(row, "participante", ModelStateExtensions.Localize(error, l)));
            }
            else
            {
                named.Add((row, form, id!.Value));
            }
        }
        var found = await CompetitorsAsync(round.Level, [.. named.Select(n => n.Id).Distinct()], ct);
        var candidates = await CandidatesAsync(round, found.Values, ct);
        var number = await NextNumberAsync(round, ct);
        var seen = new HashSet<int>();
        var entries = new List<Entry>();
        foreach (var (row, form, id) in named)
        {
            var competitor = found[id];
            var candidate = candidates[id];
            var (errors, entry) = Build(round, competitor, seen.Add(id) ? candidate : candidate with { AlreadyEntered = true }, form, number, userId);
            foreach (var error in errors)
            {
                problems.Add(new ImportProblem(row, ImportColumns.FirstOrDefault(c => c.Field == error.Field)?.Header ?? "participante",
                    $"{competitor.Competitor.Name}: {ModelStateExtensions.Localize(error, l, f => ImportColumns.FirstOrDefault(c => c.Field == f)?.Header ?? f)}"));
            }
            if (entry is not null)
            {
                entries.Add(entry);
                number++;
            }
        }
        if (problems.Count > 0)
        {
            return new EntryImportResult(fileName, rows.Count, problems, 0);
        }
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return new EntryImportResult(fileName, rows.Count, problems, entries.Count);
    }

    /// <summary>The columns of an entries file, in template order.</summary>
    public static IReadOnlyList<ImportColumn> ImportColumns { get; } =
    [
        new("participante", "Competitor", true, "41234567"),
        new("categoria", "Category", false, ""),
        new("plan", "PlanTitle", false, ""),
        new("costo", "PlanCost", false, ""),
        new("contrapartida", "Counterpart", false, ""),
    ];

    public static string ImportTemplate(RoundLevel level)
    {
        var example = level switch
        {
            RoundLevel.Households => ["41234567", "", "", "", ""],
            RoundLevel.Communities => ["Huayllabamba", "", "", "", ""],
            _ => new[] { "20131312955", "", "Crianza de cuyes mejorados", "25000.00", "5000.00" },
        };
        return string.Join(',', ImportColumns.Select(c => c.Header)) + "\r\n" + string.Join(',', example) + "\r\n";
    }

    private List<(int Row, EntryForm Form, string Competitor)> ReadImport(CsvFile file, List<ImportProblem> problems, out string? fileProblem)
    {
        var rows = new List<(int, EntryForm, string)>();
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] columns = [];
        var first = true;
        fileProblem = null;
        foreach (var record in file.Records().Read())
        {
            if (first)
            {
                first = false;
                for (var i = 0; i < record.Fields.Length; i++)
                {
                    var column = ImportColumns.FirstOrDefault(c => c.Header == ImportLayouts.HeaderKey(record.Fields[i]));
                    if (column is not null)
                    {
                        header.TryAdd(column.Field, i);
                    }
                    else if (ImportLayouts.HeaderKey(record.Fields[i]).Length > 0)
                    {
                        problems.Add(new ImportProblem(1, record.Fields[i],
                            l["Import.UnknownColumn", record.Fields[i], string.Join(", ", ImportColumns.Select(c => c.Header))]));
                    }
                }
                if (!header.ContainsKey("Competitor"))
                {
                    problems.Add(new ImportProblem(1, "participante", l["Import.MissingColumn", "participante"]));
                }
                columns = ImportCells.ColumnNames(record.Fields.Length,
                    i => ImportColumns.FirstOrDefault(c => header.TryGetValue(c.Field, out var at) && at == i)?.Header);
                continue;
            }
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (ImportCells.Read(record, columns, problems.Add, l) is not { } cells)
            {
                continue;
            }
            string? Field(string name) => header.TryGetValue(name, out var index) && index < cells.Fields.Length ? cells.Fields[index] : null;
            var competitor = Text.Clean(Field("Competitor"));
            if (competitor is null)
            {
                problems.Add(new ImportProblem(record.Row, "participante", l["Validation.Required", "participante"]));
                continue;
            }
            rows.Add((record.Row, new EntryForm
            {
                Category = Field("Category"), PlanTitle = Field("PlanTitle"), PlanCost = Field("PlanCost"), Counterpart = Field("Counterpart"),
            }, competitor));
        }
        if (first)
        {
            problems.Add(new ImportProblem(1, string.Empty, l["Import.NoHeader", string.Join(", ", ImportColumns.Select(c => c.Header))]));
            fileProblem = "Import.NoHeader";
        }
        return rows;
    }

    /// <summary>Who a row names: a household by its head's DNI or its number; a community or organization by number, RUC or exact name.</summary>
    private async Task<(int? Id, DomainError? Error)> FindForImportAsync(RoundLevel level, string text, CancellationToken ct)
    {
        var digits = text.All(char.IsAsciiDigit);
        int? number = digits && text.Length <= 7 ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
        var key = Text.Key(text);
        List<int> ids = level switch
        {
            RoundLevel.Households => await db.Households.Where(h => (text.Length == Dni.Length && digits && h.HeadDni == text) || h.Id == number)
                .Select(h => h.Id).Take(2).ToListAsync(ct),
            RoundLevel.Communities => await db.Communities.Where(c => c.Id == number || c.NameKey == key).Select(c => c.Id).Take(2).ToListAsync(ct),
            _ => await db.Organizations.Where(o => o.Id == number || o.Ruc == text || o.NameKey == key).Select(o => o.Id).Take(2).ToListAsync(ct),
        };
        return ids.Count switch
        {
            0 => (null, new DomainError("Entry.Import.NotFound", null, text)),
            1 => (ids[0], null),
            _ => (null, new DomainError("Entry.Import.Ambiguous", null, text)),
        };
    }

    private async Task<int> NextNumberAsync(ContestRound round, CancellationToken ct) =>
        (await db.Entries.Where(e => e.RoundId == round.Id).MaxAsync(e => (int?)e.Number, ct) ?? 0) + 1;

    private (List<DomainError> Errors, Entry? Entry) Build(ContestRound round, Found found, Candidate candidate, EntryForm form, int number, int userId)
    {
        var eligibility = Eligibility.Check(round.Phase, round.Level, round.Scope, candidate);
        var errors = new List<DomainError>();
        var pool = Pool(round, found, form.Category, errors);
        Entry.Plan? plan = null;
        if (round.Level == RoundLevel.Organizations)
        {
            var cost = FormNumbers.Money(form.PlanCost, nameof(form.PlanCost), errors);
            var counterpart = FormNumbers.Money(form.Counterpart, nameof(form.Counterpart), errors);
            plan = new Entry.Plan(form.PlanTitle ?? string.Empty, cost ?? 0, counterpart ?? 0);
        }
        var (registered, entry) = Entry.Register(round, found.Competitor, pool ?? new PoolAssignment("-", "-"), form.Category, plan,
            eligibility, number, userId, clock.GetUtcNow().UtcDateTime);
        errors.InsertRange(0, registered.Errors);
        return errors.Count > 0 ? (errors, null) : (errors, entry);
    }

    public async Task<Result> LeaveAsync(ContestRound round, Entry entry, bool disqualify, string? reason, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(entry);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = disqualify ? entry.Disqualify(round.Phase, reason, userId, now) : entry.Withdraw(round.Phase, reason, userId, now);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>The competitor as the entry will record it, with the names of its places and the watersheds of its community.</summary>
    /// <remarks><see cref="PlaceName"/>: "Huayllabamba, Abancay" for a household; the district for a community or an organization.</remarks>
    private sealed record Found(Entry.Competitor Competitor, string? CommunityName, string DistrictName, string PlaceName,
        IReadOnlyList<(int Id, string Name)> Watersheds);

    /// <summary>The competitors with these ids, in two queries whatever their number (their rows, then their communities' watersheds).</summary>
    private async Task<Dictionary<int, Found>> CompetitorsAsync(RoundLevel level, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var wanted = ids.ToArray();
        var rows = level switch
        {
            RoundLevel.Households => await (from x in db.Households.AsNoTracking()
                                            join c in db.Communities on x.CommunityId equals c.Id
                                            where EF.Parameter(wanted).Contains(x.Id)
                                            select new Entry.Competitor(x.Id, x.HeadLastNames + ", " + x.HeadFirstNames, x.CommunityId, c.DistrictUbigeo, x.WomenHeaded,
                                                new HouseholdProfile(x.HeadSex, x.HeadBirthYear, x.Members, x.MotherTongue, x.Education)))
                .ToListAsync(ct),
            RoundLevel.Communities => await db.Communities.AsNoTracking().Where(x => EF.Parameter(wanted).Contains(x.Id))
                .Select(x => new Entry.Competitor(x.Id, x.Name, x.Id, x.DistrictUbigeo, false)).ToListAsync(ct),
            _ => await db.Organizations.AsNoTracking().Where(x => EF.Parameter(wanted).Contains(x.Id))
                .Select(x => new Entry.Competitor(x.Id, x.Name, null, x.DistrictUbigeo, x.Type == OrganizationType.WomensGroup)).ToListAsync(ct),
        };
        var communityIds = rows.Where(r => r.CommunityId is not null).Select(r => r.CommunityId!.Value).Distinct().ToArray();
        var districtCodes = rows.Select(r => r.DistrictUbigeo).Distinct().ToArray();
        var communities = await db.Communities.AsNoTracking().Where(c => EF.Parameter(communityIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var districts = await db.Districts.AsNoTracking().Where(d => EF.Parameter(districtCodes).Contains(d.Ubigeo)).ToDictionaryAsync(d => d.Ubigeo, d => d.Name, ct);
        var watersheds = (await (from wc in db.Set<WatershedCommunity>().AsNoTracking()
                                 join w in db.Watersheds on wc.WatershedId equals w.Id
                                 where EF.Parameter(communityIds).Contains(wc.CommunityId)
                                 select new { wc.CommunityId, w.Id, w.Name }).ToListAsync(ct))
            .ToLookup(w => w.CommunityId);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var community = r.CommunityId is { } c ? communities.GetValueOrDefault(c) : null;
            var district = districts.GetValueOrDefault(r.DistrictUbigeo, r.DistrictUbigeo);
            // Watersheds by name (ordinal: the pool an entry lands in never depends on the UI's language).
            return new Found(r, community, district, level == RoundLevel.Households ? $"{community}, {district}" : district,
                r.CommunityId is { } id ? [.. watersheds[id].OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => (w.Id, w.Name))] : []);
        });
    }

    /// <summary>What eligibility needs of each competitor (entered already, plans rejected, verified account), in at most three queries.</summary>
    private async Task<Dictionary<int, Candidate>> CandidatesAsync(ContestRound round, IEnumerable<Found> found, CancellationToken ct)
    {
        var all = found.ToList();
        var keys = all.Select(f => Entry.KeyOf(round.Level, f.Competitor.Id)).ToArray();
        var entered = (await db.Entries.Where(e => e.RoundId == round.Id && EF.Parameter(keys).Contains(e.CompetitorKey) && e.Status != EntryStatus.Withdrawn)
            .Select(e => e.CompetitorKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var rejections = new Dictionary<string, int>(StringComparer.Ordinal);
        var verified = new HashSet<int>();
        if (round.Level == RoundLevel.Organizations)
        {
            rejections = await db.Entries.Where(e => EF.Parameter(keys).Contains(e.CompetitorKey) && e.RoundId != round.Id && e.Outcome == PlanOutcome.NotApproved)
                .GroupBy(e => e.CompetitorKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
            var ids = all.Select(f => f.Competitor.Id).ToArray();
            verified = (await db.BankAccounts.Where(a => a.OrganizationId != null && EF.Parameter(ids).Contains(a.OrganizationId.Value) && a.IsActive && a.VerifiedUtc != null)
                .Select(a => a.OrganizationId!.Value).ToListAsync(ct)).ToHashSet();
        }
        return all.ToDictionary(f => f.Competitor.Id, f =>
        {
            var key = Entry.KeyOf(round.Level, f.Competitor.Id);
            return new Candidate
            {
                Level = round.Level,
                Place = new Place(f.Competitor.DistrictUbigeo, f.Competitor.CommunityId, [.. f.Watersheds.Select(w => w.Id)]),
                AlreadyEntered = entered.Contains(key),
                PreviousPlanRejections = rejections.GetValueOrDefault(key),
                HasVerifiedAccount = verified.Contains(f.Competitor.Id),
            };
        });
    }

    private static PoolAssignment? Pool(ContestRound round, Found found, string? category, List<DomainError> errors)
    {
        var c = found.Competitor;
        switch (round.PoolBy)
        {
            case PoolBy.Community:
                return new PoolAssignment("C:" + c.CommunityId, found.CommunityName ?? string.Empty);
            case PoolBy.Watershed:
                // The watershed the round covers, when it names some; otherwise the community's first.
                var inScope = found.Watersheds.Where(w => round.Scope.Watersheds.Count == 0 || round.Scope.Watersheds.Contains(w.Id)).ToList();
                if (inScope.Count == 0)
                {
                    errors.Add(new DomainError("Entry.NoWatershed"));
                    return null;
                }
                return new PoolAssignment("W:" + inScope[0].Id, inScope[0].Name);
            case PoolBy.District:
                return new PoolAssignment("D:" + c.DistrictUbigeo, found.DistrictName);
            case PoolBy.Category:
                var name = Text.Clean(category);
                return name is null ? null : new PoolAssignment("K:" + Text.Key(name), name);
            default:
                return new PoolAssignment("ALL", round.Name);
        }
    }
}
