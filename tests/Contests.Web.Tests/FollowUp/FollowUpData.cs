using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.FollowUp;

/// <summary>
/// An entry to follow up: Juana's entry N.° 1 in an open round (registered 23/11/2026, the test clock's day) with a
/// baseline of two activities — 20 cuyes worth S/ 400.00, and 1 ha of potatoes without an estimated value.
/// </summary>
public sealed class FollowUpData(ContestsApp app)
{
    public RoundData Rounds { get; } = new(app);

    public async Task<(int Round, int Entry)> EntryWithBaselineAsync()
    {
        var world = await Rounds.WorldAsync();
        var round = await Rounds.RoundAsync(world, RoundPhase.Open);
        var entry = await Rounds.EnterHouseholdAsync(round, world.Juana);
        await SetBaselineAsync(entry, RoundPhase.Open);
        return (round, entry);
    }

    public Task SetBaselineAsync(int entryId, RoundPhase phase) => Rounds.Registry.WriteAsync(db =>
    {
        var entry = db.Entries.Include(e => e.Baseline).Single(e => e.Id == entryId);
        var errors = new List<Core.Common.DomainError>();
        var items = new[]
        {
            BaselineItem.Create("Crianza de cuyes", 20m, "cuyes", 400m, null, "Items[0]", errors)!,
            BaselineItem.Create("Papa nativa", 1m, "ha", null, null, "Items[1]", errors)!,
        };
        Assert.Empty(errors);
        Assert.True(entry.SetBaseline(phase, items).Succeeded);
        return 0;
    });

    public Task<List<FollowUpVisit>> VisitsAsync() => Rounds.Registry.ReadAsync(db =>
        db.FollowUpVisits.AsNoTracking().OrderBy(v => v.Id).ToListAsync());

    public Task<List<string>> AuditedTypesAsync() => Rounds.Registry.ReadAsync(db =>
        db.AuditRecords.AsNoTracking().Where(a => a.EntityType.StartsWith("FollowUp")).OrderBy(a => a.Id)
            .Select(a => a.Action + " " + a.EntityType).ToListAsync());
}
