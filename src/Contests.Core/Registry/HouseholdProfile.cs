using Contests.Core.Common;

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

/// <summary>
/// Reads the optional profile fields as officers and import files write them: the code (the enum's name, as the
/// form posts it), the Spanish label (with or without accents, any case) or the English one.
/// </summary>
public static class HouseholdProfileCodes
{
    private static readonly Dictionary<string, MotherTongue> Tongues = new(StringComparer.Ordinal)
    {
        ["QUECHUA"] = MotherTongue.Quechua, ["QUICHUA"] = MotherTongue.Quechua, ["RUNASIMI"] = MotherTongue.Quechua,
        ["AYMARA"] = MotherTongue.Aymara, ["AIMARA"] = MotherTongue.Aymara,
        ["SPANISH"] = MotherTongue.Spanish, ["CASTELLANO"] = MotherTongue.Spanish, ["ESPANOL"] = MotherTongue.Spanish,
        ["OTHER"] = MotherTongue.Other, ["OTRA"] = MotherTongue.Other, ["OTRO"] = MotherTongue.Other, ["OTRA LENGUA"] = MotherTongue.Other,
    };

    private static readonly Dictionary<string, EducationLevel> Levels = new(StringComparer.Ordinal)
    {
        ["NONE"] = EducationLevel.None, ["NINGUNO"] = EducationLevel.None, ["NINGUNA"] = EducationLevel.None, ["SIN NIVEL"] = EducationLevel.None,
        ["SIN ESTUDIOS"] = EducationLevel.None, ["INICIAL"] = EducationLevel.None,
        ["PRIMARY"] = EducationLevel.Primary, ["PRIMARIA"] = EducationLevel.Primary,
        ["SECONDARY"] = EducationLevel.Secondary, ["SECUNDARIA"] = EducationLevel.Secondary,
        ["HIGHERTECHNICAL"] = EducationLevel.HigherTechnical, ["HIGHER TECHNICAL"] = EducationLevel.HigherTechnical,
        ["SUPERIOR TECNICA"] = EducationLevel.HigherTechnical, ["SUPERIOR NO UNIVERSITARIA"] = EducationLevel.HigherTechnical,
        ["TECNICA"] = EducationLevel.HigherTechnical,
        ["HIGHERUNIVERSITY"] = EducationLevel.HigherUniversity, ["HIGHER UNIVERSITY"] = EducationLevel.HigherUniversity,
        ["SUPERIOR UNIVERSITARIA"] = EducationLevel.HigherUniversity, ["UNIVERSITARIA"] = EducationLevel.HigherUniversity,
    };

    /// <summary>The mother tongue typed, or null when it is blank or unknown (<paramref name="known"/> tells which).</summary>
    public static MotherTongue? ParseTongue(string? input, out bool known) => Parse(input, Tongues, out known);

    /// <summary>The education level typed, or null when it is blank or unknown (<paramref name="known"/> tells which).</summary>
    public static EducationLevel? ParseEducation(string? input, out bool known) => Parse(input, Levels, out known);

    private static T? Parse<T>(string? input, Dictionary<string, T> values, out bool known) where T : struct
    {
        var text = Text.Clean(input);
        known = true;
        if (text is null)
        {
            return null;
        }
        if (values.TryGetValue(Text.Key(text).Replace('Ñ', 'N'), out var value))
        {
            return value;
        }
        known = false;
        return null;
    }
}
