using Contests.Core.Common;
using Contests.Core.Programmes;

namespace Contests.Core.Rounds;

/// <summary>What a budget line needs to know about its funding source.</summary>
public sealed record SourceFacts(int Id, string Name, decimal Balance, IReadOnlySet<Theme> Themes, IReadOnlySet<string> Districts)
{
    public bool Allows(Theme theme, string district) =>
        (Themes.Count == 0 || Themes.Contains(theme)) && (Districts.Count == 0 || Districts.Contains(district));
}

/// <summary>
/// Budget lines against the funding sources' restrictions: a source restricted to some themes or
/// districts may fund a round only if it can pay for at least part of it (the allocation later keeps
/// each award within what its sources allow), and no line promises more than the source has left.
/// </summary>
public static class BudgetLines
{
    /// <summary>Every refused line, against its form field ("Budget[sourceId]").</summary>
    /// <remarks><paramref name="districts"/> are the districts the round covers (its scope resolved to districts).</remarks>
    public static IReadOnlyList<DomainError> Check(IReadOnlyList<BudgetLine> lines, IReadOnlyDictionary<int, SourceFacts> sources,
        IReadOnlyCollection<Theme> themes, IReadOnlyCollection<string> districts)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(districts);
        var errors = new List<DomainError>();
        foreach (var line in lines)
        {
            var field = $"Budget[{line.FundingSourceId}]";
            if (!sources.TryGetValue(line.FundingSourceId, out var source))
            {
                errors.Add(new DomainError("Prizes.UnknownSource", field, line.FundingSourceId));
                continue;
            }
            if (!themes.Any(t => districts.Any(d => source.Allows(t, d))))
            {
                errors.Add(new DomainError("Prizes.SourceRestricted", field, source.Name));
            }
            if (line.Amount > source.Balance)
            {
                errors.Add(new DomainError("Prizes.SourceShort", field, source.Name, source.Balance));
            }
        }
        return errors;
    }
}
