namespace Contests.Core.Registry;

/// <summary>The head of household's mother tongue, as funders disaggregate it (indigenous peoples).</summary>
public enum MotherTongue
{
    Quechua,
    Aymara,
    Spanish,
    Other,
}

/// <summary>The head of household's highest education level (INEI's categories, grouped).</summary>
public enum EducationLevel
{
    None,
    Primary,
    Secondary,
    HigherTechnical,
    HigherUniversity,
}

/// <summary>What an entry fixes about a household when it enters a round (see <c>Monitoring.ParticipantFacts</c>).</summary>
public sealed record HouseholdProfile(Sex HeadSex, int HeadBirthYear, int Members, MotherTongue? MotherTongue, EducationLevel? Education);
