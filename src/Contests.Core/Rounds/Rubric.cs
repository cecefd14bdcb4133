using Contests.Core.Common;

namespace Contests.Core.Rounds;

/// <summary>How a rubric part combines its jurors' totals.</summary>
public enum Aggregation
{
    Mean,
    Median,

    /// <summary>Drops the highest and the lowest total when there are at least 5 jurors, then the mean.</summary>
    TrimmedMean,
}

/// <summary>Where a part is scored, and so which LRAC members may score it (each is flagged field and/or public juror).</summary>
public enum PartVenue
{
    /// <summary>Visiting each competitor in the field.</summary>
    Field,

    /// <summary>The public presentation on the LRAC day.</summary>
    Public,
}

/// <summary>One thing jurors score: at most <see cref="MaxPoints"/>, counted <see cref="Weight"/> times.</summary>
public sealed record Criterion(string Name, string? Description, decimal MaxPoints, decimal Weight)
{
    public decimal MaxWeighted => MaxPoints * Weight;
}

/// <summary>
/// A part of a rubric scored by its own jurors (e.g. <i>field</i> visits and the <i>public</i> presentation
/// on the LRAC day), with how many jurors score each entry and how their totals combine.
/// </summary>
public sealed record RubricPart(string Name, IReadOnlyList<Criterion> Criteria, int MinJurors, int MaxJurors, Aggregation Aggregation, PartVenue Venue = PartVenue.Field)
{
    public decimal MaxPoints => Criteria.Sum(c => c.MaxWeighted);
}

/// <summary>
/// A round's score sheet: one or more parts whose scores add up to the final score, and the score from
/// which an entry is approved (e.g. ≥ 70 of 100).
/// </summary>
public sealed class Rubric
{
    /// <summary>Up to 10 jurors take part in an LRAC event (SIIR).</summary>
    public const int MaxJurorsPerPart = 10;
    public const int NameMaxLength = 120;

    private Rubric(IReadOnlyList<RubricPart> parts, decimal qualifyingScore, bool normalize)
    {
        Parts = parts;
        QualifyingScore = qualifyingScore;
        Normalize = normalize;
    }

    public IReadOnlyList<RubricPart> Parts { get; }

    public decimal QualifyingScore { get; }

    public decimal MaxScore => Parts.Sum(p => p.MaxPoints);

    /// <summary>
    /// Per-juror normalization (z-score, rescaled to each part's range) before aggregating: evens out a
    /// juror who scores everyone high or everyone low. Off unless the round's rules turn it on.
    /// </summary>
    public bool Normalize { get; }

    /// <summary>Checks everything at once; the fields name the part and criterion ("Parts[1].Criteria[0].MaxPoints").</summary>
    public static Rubric? Create(IReadOnlyList<RubricPart> parts, decimal qualifyingScore, ICollection<DomainError> errors, bool normalize = false)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (parts.Count == 0)
        {
            errors.Add(new DomainError("Rubric.NoParts", "Parts"));
        }
        var partNames = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            var field = $"Parts[{p}]";
            CheckName(part.Name, field + ".Name", partNames, "Rubric.PartNameRepeated", errors);
            if (part.Criteria.Count == 0)
            {
                errors.Add(new DomainError("Rubric.NoCriteria", field + ".Criteria", part.Name));
            }
            if (part.MinJurors < 1 || part.MaxJurors < part.MinJurors || part.MaxJurors > MaxJurorsPerPart)
            {
                errors.Add(new DomainError("Rubric.Jurors", field + ".MinJurors", part.Name, MaxJurorsPerPart));
            }
            var criterionNames = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < part.Criteria.Count; c++)
            {
                var criterion = part.Criteria[c];
                var criterionField = $"{field}.Criteria[{c}]";
                CheckName(criterion.Name, criterionField + ".Name", criterionNames, "Rubric.CriterionNameRepeated", errors);
                if (criterion.MaxPoints <= 0)
                {
                    errors.Add(new DomainError("Rubric.MaxPoints", criterionField + ".MaxPoints", criterion.Name));
                }
                if (criterion.Weight <= 0)
                {
                    errors.Add(new DomainError("Rubric.Weight", criterionField + ".Weight", criterion.Name));
                }
            }
        }
        if (errors.Count == before)
        {
            var max = parts.Sum(p => p.MaxPoints);
            if (qualifyingScore < 0 || qualifyingScore > max)
            {
                errors.Add(new DomainError("Rubric.QualifyingScore", "QualifyingScore", new Number(max)));
            }
        }
        return errors.Count > before ? null : new Rubric(parts, qualifyingScore, normalize);
    }

    private static void CheckName(string? name, string field, HashSet<string> seen, string repeatedCode, ICollection<DomainError> errors)
    {
        var clean = Text.Clean(name);
        if (clean is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel("Name")));
        }
        else if (clean.Length > NameMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", field, new FieldLabel("Name"), NameMaxLength));
        }
        else if (!seen.Add(Text.Key(clean)))
        {
            errors.Add(new DomainError(repeatedCode, field, clean));
        }
    }
}

/// <summary>Budget conventions programmes use when they set a round's prize money.</summary>
public static class PrizeBudget
{
    public const decimal SiirPerHousehold = 120m;
    public const int SiirMaxHouseholds = 150;

    /// <summary>
    /// The SIIR convention for an inter-family contest: S/ 120 per participating household, counting at
    /// most 150 households (so at most S/ 18,000 per plan).
    /// </summary>
    public static Money Siir(int households)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(households);
        return Money.Of(SiirPerHousehold * Math.Min(households, SiirMaxHouseholds));
    }
}
