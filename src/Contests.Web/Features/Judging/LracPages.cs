using Contests.Core.Rounds;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

public sealed record Option(int Id, string Name);

public sealed record LracPage(ContestRound Round, IReadOnlyList<MemberRow> Members, MemberForm Form, IReadOnlyList<CommunityOption> Communities,
    IReadOnlyList<Option> Organizations, IReadOnlyList<Option> Entries, ConflictForm Conflict, NewAccount? Account);

public sealed record MemberEditPage(ContestRound Round, int MemberId, MemberForm Form, bool Active, IReadOnlyList<CommunityOption> Communities,
    IReadOnlyList<Option> Organizations);

/// <summary>
/// The committee's pages as the officer sees them: the members with the forms to add one and declare a conflict
/// (what the lists choose from: communities, organizations, the round's registered entries), and one member's edit
/// page. The forms come back as given, so a refused one is shown as typed.
/// </summary>
public sealed class LracPages(Lrac lrac, Lookups lookups, ContestsDbContext db)
{
    public async Task<LracPage> LracAsync(ContestRound round, MemberForm form, ConflictForm conflict, NewAccount? account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (communities, organizations) = await OptionsAsync(ct);
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered).OrderBy(e => e.Number)
            .Select(e => new { e.Id, e.Number, e.CompetitorName }).ToListAsync(ct);
        return new LracPage(round, await lrac.ListAsync(round.Id, ct), form, communities, organizations,
            [.. entries.Select(e => new Option(e.Id, $"N.° {e.Number} — {e.CompetitorName}"))], conflict, account);
    }

    public async Task<MemberEditPage> MemberEditAsync(ContestRound round, int memberId, MemberForm form, bool active, CancellationToken ct)
    {
        var (communities, organizations) = await OptionsAsync(ct);
        return new MemberEditPage(round, memberId, form, active, communities, organizations);
    }

    private async Task<(IReadOnlyList<CommunityOption>, IReadOnlyList<Option>)> OptionsAsync(CancellationToken ct)
    {
        var communities = await lookups.CommunitiesAsync(ct);
        var organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new Option(o.Id, o.Name)).ToListAsync(ct);
        return (communities, organizations);
    }
}
