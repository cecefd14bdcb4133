using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Features.Monitoring;

namespace Contests.Web.Features.Api;

/// <summary>
/// The indicators for the API: the same <see cref="IndicatorPage"/> computation and <see cref="IndicatorFigures"/> as the
/// indicators page, so a funder's system and the page never disagree. Aggregates only: no name, DNI or account.
/// </summary>
public sealed class ApiIndicatorReads(IndicatorPage page)
{
    public async Task<ApiIndicators> ReadAsync(IndicatorFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rounds = await page.RoundsAsync(ct);
        return From(await page.ReportAsync(rounds, filter, ct));
    }

    public static ApiIndicators From(IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var f = report.Filter;
        var p = report.Participation;
        List<ApiSplit> split =
        [
            new("women", p.Households.Women, p.Persons.Women),
            new("men", p.Households.Men, p.Persons.Men),
            new("youth", p.Households.Youth, p.Persons.Youth),
            .. Enum.GetValues<MotherTongue>().Select(t => new ApiSplit("tongue-" + ApiName(t.ToString()), p.Households.ByTongue[t], p.Persons.ByTongue[t])),
            new("tongue-unknown", p.Households.TongueUnknown, p.Persons.TongueUnknown),
        ];
        return new ApiIndicators(
            new ApiIndicatorFilter(f.Year, f.District, f.Theme, f.Level, f.RoundId),
            [.. IndicatorFigures.Of(report).Select(x => new ApiFigure(x.Code, x.Unit, x.Value))],
            split,
            [.. report.ContestsByTheme.Select(c => new ApiContestCount(ApiName(c.Key), c.Rounds))],
            [.. report.ContestsByLevel.Select(c => new ApiContestCount(ApiName(c.Key), c.Rounds))],
            Amounts(report.BySource),
            Amounts(report.ByDistrict),
            // A round with several themes counts under "several" (the page's "varios temas").
            [.. report.ByTheme.Select(a => new ApiAmount(a.Key.Length == 0 ? "several" : ApiName(a.Key), a.Key.Length == 0 ? "several" : ApiName(a.Key), a.Amount, a.Count))],
            Amounts(report.ByYear),
            [.. report.CoFinancers.Select(c => new ApiCoFinancer(c.Figures.SourceId, c.Name, c.Figures.Kind, c.Figures.Committed, c.Figures.Budgeted,
                c.Figures.Awarded, c.Figures.Rounds))],
            // Drafts are an officer's work in progress: the API names no round before its call (as /rounds).
            [.. report.Rounds.Where(r => r.Phase != RoundPhase.Draft).Select(r => new ApiRoundFigures(r.RoundId, r.Name, r.Year, r.Level, r.Entries, r.Households, r.Awarded, r.Paid))]);
    }

    private static List<ApiAmount> Amounts(IReadOnlyList<NamedAmount> rows) => [.. rows.Select(a => new ApiAmount(a.Key, a.Name, a.Amount, a.Count))];

    /// <summary>Enum names as the API writes enums (camelCase: <c>HealthyHome</c> → <c>healthyHome</c>).</summary>
    private static string ApiName(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
