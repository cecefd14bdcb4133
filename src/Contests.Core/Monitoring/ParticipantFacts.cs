using Contests.Core.Common;
using Contests.Core.Registry;

namespace Contests.Core.Monitoring;

/// <summary>
/// Who a participating household was when it entered a round, fixed then and never recomputed: a head
/// who turns 30 or a family that moves later still counts as it was (counting with today's registry is
/// how participation statistics drift, e.g. CONSUL's bug #5531).
/// </summary>
/// <param name="HeadSex">The head's sex at entry.</param>
/// <param name="AgeAtEntry">The head's age in the year of entry (Lima), from the birth year.</param>
/// <param name="WomenHeaded">Women-headed household at entry.</param>
/// <param name="MotherTongue">The head's mother tongue, when the registry had it.</param>
/// <param name="Education">The head's education level, when the registry had it.</param>
/// <param name="Persons">Persons in the household at entry (head, partner and other members).</param>
public sealed record ParticipantFacts(Sex HeadSex, int AgeAtEntry, bool WomenHeaded, MotherTongue? MotherTongue,
    EducationLevel? Education, int Persons)
{
    /// <summary>Peru's youth law (Ley 27802) counts persons from 15 to 29 years as young.</summary>
    public const int YouthMinAge = 15;

    public const int YouthMaxAge = 29;

    public bool Youth => AgeAtEntry is >= YouthMinAge and <= YouthMaxAge;

    /// <summary>The facts of a household as the registry holds it at the moment of entry.</summary>
    public static ParticipantFacts AtEntry(Sex headSex, int headBirthYear, int persons, MotherTongue? motherTongue,
        EducationLevel? education, DateTime registeredUtc) =>
        new(headSex, LimaTime.FromUtc(registeredUtc).Year - headBirthYear, headSex == Sex.Female, motherTongue, education,
            Math.Max(1, persons));
}
