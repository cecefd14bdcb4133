using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>
/// A rules version is stored as one JSON document: it is read and written whole, never queried by
/// its parts, and a version never changes once a later one exists. The document's shape is these
/// records (not the domain types), so renaming a domain property can't silently change old versions.
/// </summary>
public static class RoundRulesJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(RoundRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var p = rules.Prizes;
        var document = new RulesDocument(
            [.. rules.Rubric.Parts.Select(part => new PartDocument(part.Name, part.MinJurors, part.MaxJurors, part.Aggregation, part.Venue,
                [.. part.Criteria.Select(c => new CriterionDocument(c.Name, c.Description, c.MaxPoints, c.Weight))]))],
            rules.Rubric.QualifyingScore,
            rules.Rubric.Normalize ? true : null,
            new PrizesDocument(p.Method, [.. p.Tiers], p.ParticipationPrize, p.PoolAmount, p.MaxWinnersPerPool, p.TieRule, p.CapPerCompetitorYear,
                p.WomenBonusPoints, p.CounterpartMinPercent, p.MaxGrantPerPlan, p.FirstTranchePercent, p.Overflow,
                [.. p.BudgetLines.Select(b => new BudgetLineDocument(b.FundingSourceId, b.Amount))], p.WomenReservedCount, p.WomenReservedPrize));
        return JsonSerializer.Serialize(document, Options);
    }

    public static RoundRules Read(string json)
    {
        var document = JsonSerializer.Deserialize<RulesDocument>(json, Options) ?? throw new InvalidOperationException("Empty rules document.");
        var errors = new List<DomainError>();
        var rubric = Rubric.Create(
            [.. document.Parts.Select(p => new RubricPart(p.Name, [.. p.Criteria.Select(c => new Criterion(c.Name, c.Description, c.MaxPoints, c.Weight))],
                p.MinJurors, p.MaxJurors, p.Aggregation, p.Venue ?? PartVenue.Field))],
            document.QualifyingScore, errors, document.Normalize ?? false)
            ?? throw new InvalidOperationException("A stored rubric no longer validates: " + string.Join(", ", errors.Select(e => e.Code)));
        var p = document.Prizes;
        return new RoundRules(rubric, new PrizeRules
        {
            Method = p.Method, Tiers = p.Tiers, ParticipationPrize = p.ParticipationPrize, PoolAmount = p.PoolAmount,
            MaxWinnersPerPool = p.MaxWinnersPerPool, TieRule = p.TieRule, CapPerCompetitorYear = p.CapPerCompetitorYear,
            WomenBonusPoints = p.WomenBonusPoints, CounterpartMinPercent = p.CounterpartMinPercent, MaxGrantPerPlan = p.MaxGrantPerPlan,
            FirstTranchePercent = p.FirstTranchePercent, Overflow = p.Overflow,
            WomenReservedCount = p.WomenReservedCount, WomenReservedPrize = p.WomenReservedPrize,
            BudgetLines = [.. p.BudgetLines.Select(b => new BudgetLine(b.FundingSourceId, b.Amount))],
        });
    }

    private sealed record RulesDocument(List<PartDocument> Parts, decimal QualifyingScore, bool? Normalize, PrizesDocument Prizes);

    /// <summary>A part; <c>Venue</c> is absent in documents written before parts had one (they were field parts).</summary>
    private sealed record PartDocument(string Name, int MinJurors, int MaxJurors, Aggregation Aggregation, PartVenue? Venue, List<CriterionDocument> Criteria);

    private sealed record CriterionDocument(string Name, string? Description, decimal MaxPoints, decimal Weight);

    /// <summary>The prize schedule; the prizes reserved for women are absent in documents written before rounds could reserve them.</summary>
    private sealed record PrizesDocument(AllocationMethod Method, List<decimal> Tiers, decimal? ParticipationPrize, decimal? PoolAmount,
        int? MaxWinnersPerPool, TieRule TieRule, decimal? CapPerCompetitorYear, decimal? WomenBonusPoints, decimal CounterpartMinPercent,
        decimal? MaxGrantPerPlan, decimal FirstTranchePercent, OverflowRule Overflow, List<BudgetLineDocument> BudgetLines,
        int? WomenReservedCount = null, decimal? WomenReservedPrize = null);

    private sealed record BudgetLineDocument(int FundingSourceId, decimal Amount);
}
