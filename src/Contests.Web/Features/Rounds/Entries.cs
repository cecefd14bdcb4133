using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

/// <summary>A competitor found by the registration search, with whether it can enter (and why not).</summary>
public sealed record CandidateRow(int Id, string Name, string Place, bool Women, IReadOnlyList<DomainError> Refusals, IReadOnlyList<DomainError> Flags);

public sealed record EntryRow(int Id, int Number, string Name, string Pool, string? Category, EntryStatus Status, bool Women, bool HasBaseline,
    bool NoVerifiedAccount, DateTime RegisteredUtc);

/// <summary>
/// Registering competitors in a round and taking them out. Eligibility is Core's; this class gathers
/// the facts (where the competitor is, earlier entries, accounts) and keeps, on the entry, where the
/// competitor was when it registered.
/// </summary>
public sealed class Entries(ContestsDbContext db, TimeProvider clock)
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
        List<int> ids = round.Level switch
        {
            // A household by its name, number or DNI, or every household of a community by the
            // community's name (officers register a community's families one after another).
            RoundLevel.Households => await (from h in db.Households.AsNoTracking()
                                            join c in db.Communities on h.CommunityId equals c.Id
                                            where h.NameKey.Contains(key) || h.Id == number || (term.Length == Dni.Length && h.HeadDni == term)
                                                || c.NameKey.Contains(communityKey)
                                            orderby h.HeadLastNames, h.HeadFirstNames
                                            select h.Id).Take(SearchLimit).ToListAsync(ct),
            RoundLevel.Communities => await db.Communities.AsNoTracking().Where(c => c.NameKey.Contains(communityKey) || c.Id == number)
                .OrderBy(c => c.Name).Select(c => c.Id).Take(SearchLimit).ToListAsync(ct),
            _ => await db.Organizations.AsNoTracking().Where(o => o.NameKey.Contains(communityKey) || o.Id == number || o.Ruc == term)
                .OrderBy(o => o.Name).Select(o => o.Id).Take(SearchLimit).ToListAsync(ct),
        };
        var rows = new List<CandidateRow>();
        foreach (var id in ids)
        {
            var competitor = await CompetitorAsync(round.Level, id, ct);
            var result = Eligibility.Check(round.Phase, round.Level, round.Scope, await CandidateAsync(round, competitor!, ct));
            rows.Add(new CandidateRow(id, competitor!.Competitor.Name, competitor.PlaceName, competitor.Competitor.Women, result.Refusals, result.Flags));
        }
        return rows;
    }

    public async Task<(Result Result, Entry? Entry)> RegisterAsync(ContestRound round, EntryForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var found = form.CompetitorId is { } id ? await CompetitorAsync(round.Level, id, ct) : null;
        if (found is null)
        {
            return (Result.Fail(new DomainError("Entry.ChooseCompetitor", nameof(form.CompetitorId))), null);
        }
        var eligibility = Eligibility.Check(round.Phase, round.Level, round.Scope, await CandidateAsync(round, found, ct));
        var errors = new List<DomainError>();
        var pool = await PoolAsync(round, found, form.Category, errors);
        Entry.Plan? plan = null;
        if (round.Level == RoundLevel.Organizations)
        {
            var cost = FormNumbers.Money(form.PlanCost, nameof(form.PlanCost), errors);
            var counterpart = FormNumbers.Money(form.Counterpart, nameof(form.Counterpart), errors);
            plan = new Entry.Plan(form.PlanTitle ?? string.Empty, cost ?? 0, counterpart ?? 0);
        }
        var number = (await db.Entries.Where(e => e.RoundId == round.Id).MaxAsync(e => (int?)e.Number, ct) ?? 0) + 1;
        var (registered, entry) = Entry.Register(round, found.Competitor, pool ?? new PoolAssignment("-", "-"), form.Category, plan,
            eligibility, number, userId, clock.GetUtcNow().UtcDateTime);
        errors.InsertRange(0, registered.Errors);
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

    /// <summary>The competitor as the entry will record it, and a readable place ("Huayllabamba, Abancay").</summary>
    private sealed record Found(Entry.Competitor Competitor, string PlaceName, IReadOnlyList<int> Watersheds, IReadOnlyList<string> WatershedNames);

    private async Task<Found?> CompetitorAsync(RoundLevel level, int id, CancellationToken ct)
    {
        switch (level)
        {
            case RoundLevel.Households:
            {
                var h = await (from x in db.Households.AsNoTracking()
                               join c in db.Communities on x.CommunityId equals c.Id
                               join d in db.Districts on c.DistrictUbigeo equals d.Ubigeo
                               where x.Id == id
                               select new { x.Id, x.HeadFirstNames, x.HeadLastNames, x.WomenHeaded, x.CommunityId, c.DistrictUbigeo, Community = c.Name, District = d.Name })
                    .SingleOrDefaultAsync(ct);
                return h is null ? null : await WithWatershedsAsync(
                    new Entry.Competitor(h.Id, $"{h.HeadLastNames}, {h.HeadFirstNames}", h.CommunityId, h.DistrictUbigeo, h.WomenHeaded),
                    $"{h.Community}, {h.District}", ct);
            }
            case RoundLevel.Communities:
            {
                var c = await (from x in db.Communities.AsNoTracking()
                               join d in db.Districts on x.DistrictUbigeo equals d.Ubigeo
                               where x.Id == id
                               select new { x.Id, x.Name, x.DistrictUbigeo, District = d.Name }).SingleOrDefaultAsync(ct);
                return c is null ? null : await WithWatershedsAsync(new Entry.Competitor(c.Id, c.Name, c.Id, c.DistrictUbigeo, false), c.District, ct);
            }
            default:
            {
                var o = await (from x in db.Organizations.AsNoTracking()
                               join d in db.Districts on x.DistrictUbigeo equals d.Ubigeo
                               where x.Id == id
                               select new { x.Id, x.Name, x.Type, x.DistrictUbigeo, District = d.Name }).SingleOrDefaultAsync(ct);
                return o is null ? null : new Found(
                    new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, o.Type == OrganizationType.WomensGroup), o.District, [], []);
            }
        }
    }

    private async Task<Found> WithWatershedsAsync(Entry.Competitor competitor, string place, CancellationToken ct)
    {
        var watersheds = await (from wc in db.Set<WatershedCommunity>().AsNoTracking()
                                join w in db.Watersheds on wc.WatershedId equals w.Id
                                where wc.CommunityId == competitor.CommunityId
                                orderby w.Name
                                select new { w.Id, w.Name }).ToListAsync(ct);
        return new Found(competitor, place, [.. watersheds.Select(w => w.Id)], [.. watersheds.Select(w => w.Name)]);
    }

    private async Task<Candidate> CandidateAsync(ContestRound round, Found found, CancellationToken ct)
    {
        var key = Entry.KeyOf(round.Level, found.Competitor.Id);
        var entered = await db.Entries.AnyAsync(e => e.RoundId == round.Id && e.CompetitorKey == key && e.Status != EntryStatus.Withdrawn, ct);
        var rejections = round.Level == RoundLevel.Organizations
            ? await db.Entries.CountAsync(e => e.CompetitorKey == key && e.RoundId != round.Id && e.Outcome == PlanOutcome.NotApproved, ct)
            : 0;
        var verified = round.Level == RoundLevel.Organizations
            && await db.BankAccounts.AnyAsync(a => a.OrganizationId == found.Competitor.Id && a.IsActive && a.VerifiedUtc != null, ct);
        return new Candidate
        {
            Level = round.Level,
            Place = new Place(found.Competitor.DistrictUbigeo, found.Competitor.CommunityId, found.Watersheds),
            AlreadyEntered = entered,
            PreviousPlanRejections = rejections,
            HasVerifiedAccount = verified,
        };
    }

    private async Task<PoolAssignment?> PoolAsync(ContestRound round, Found found, string? category, List<DomainError> errors)
    {
        var c = found.Competitor;
        switch (round.PoolBy)
        {
            case PoolBy.Community:
                var community = await db.Communities.AsNoTracking().Where(x => x.Id == c.CommunityId).Select(x => x.Name).SingleAsync();
                return new PoolAssignment("C:" + c.CommunityId, community);
            case PoolBy.Watershed:
                // The watershed the round covers, when it names some; otherwise the community's first.
                var inScope = found.Watersheds.Select((id, i) => (id, name: found.WatershedNames[i]))
                    .Where(w => round.Scope.Watersheds.Count == 0 || round.Scope.Watersheds.Contains(w.id)).ToList();
                if (inScope.Count == 0)
                {
                    errors.Add(new DomainError("Entry.NoWatershed"));
                    return null;
                }
                return new PoolAssignment("W:" + inScope[0].id, inScope[0].name);
            case PoolBy.District:
                var district = await db.Districts.AsNoTracking().Where(d => d.Ubigeo == c.DistrictUbigeo).Select(d => d.Name).SingleAsync();
                return new PoolAssignment("D:" + c.DistrictUbigeo, district);
            case PoolBy.Category:
                var name = Text.Clean(category);
                return name is null ? null : new PoolAssignment("K:" + Text.Key(name), name);
            default:
                return new PoolAssignment("ALL", round.Name);
        }
    }
}
