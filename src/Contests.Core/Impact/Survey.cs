using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Impact;

/// <summary>An indicator as typed on the survey form: the column name of the field form (Kobo/ODK) and its label.</summary>
public sealed record IndicatorInput(string? Code, string? Name);

/// <summary>
/// A household survey for impact estimates: a set of numeric outcome indicators (value of productive assets,
/// hectares under improved pasture…) applied in waves (baseline, follow-up 1…) to a sample of registry households,
/// participants and non-participants alike. Indicators are fixed once answers exist; waves are added as they are run.
/// </summary>
public sealed class Survey
{
    public const int NameMaxLength = 120;
    public const int MaxIndicators = 12;

    private readonly List<SurveyIndicator> _indicators = [];
    private readonly List<SurveyWave> _waves = [];

    private Survey(string name, int createdByUserId, DateTime createdUtc)
    {
        Name = name;
        CreatedByUserId = createdByUserId;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int CreatedByUserId { get; private set; }

    public IReadOnlyCollection<SurveyIndicator> Indicators => _indicators.AsReadOnly();

    public IReadOnlyCollection<SurveyWave> Waves => _waves.AsReadOnly();

    /// <summary>
    /// Defines a survey: a name and one to <see cref="MaxIndicators"/> indicators (blank lines skipped), each with a
    /// column code (<see cref="SurveyIndicator.ParseCode"/>) unique in the survey and a label. Every problem on its field.
    /// </summary>
    public static (Result Result, Survey? Survey) Define(string? name, IReadOnlyList<IndicatorInput> indicators, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var errors = new List<DomainError>();
        var cleanName = Text.Clean(name);
        if (cleanName is null)
        {
            errors.Add(new DomainError("Impact.SurveyNameRequired", nameof(Name)));
        }
        else if (cleanName.Length > NameMaxLength)
        {
            errors.Add(new DomainError("Impact.SurveyNameTooLong", nameof(Name), NameMaxLength));
        }
        var parsed = new List<(string Code, string Name)>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < indicators.Count; i++)
        {
            var code = Text.Clean(indicators[i].Code);
            var label = Text.Clean(indicators[i].Name);
            if (code is null && label is null)
            {
                continue;
            }
            var field = $"Indicators[{i}]";
            var parsedCode = SurveyIndicator.ParseCode(code, field + ".Code", errors);
            if (label is null)
            {
                errors.Add(new DomainError("Impact.IndicatorNameRequired", field + ".Name"));
            }
            else if (label.Length > SurveyIndicator.NameMaxLength)
            {
                errors.Add(new DomainError("Impact.IndicatorNameTooLong", field + ".Name", SurveyIndicator.NameMaxLength));
            }
            if (parsedCode is not null && !codes.Add(parsedCode))
            {
                errors.Add(new DomainError("Impact.IndicatorCodeRepeated", field + ".Code", parsedCode));
            }
            if (parsedCode is not null && label is not null)
            {
                parsed.Add((parsedCode, label));
            }
        }
        if (parsed.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DomainError("Impact.NoIndicators", "Indicators[0].Code"));
        }
        if (codes.Count > MaxIndicators)
        {
            errors.Add(new DomainError("Impact.TooManyIndicators", "Indicators[0].Code", MaxIndicators));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var survey = new Survey(cleanName!, userId, nowUtc);
        for (var i = 0; i < parsed.Count; i++)
        {
            survey._indicators.Add(new SurveyIndicator(i + 1, parsed[i].Code, parsed[i].Name));
        }
        return (Result.Success(), survey);
    }

    /// <summary>Adds a wave: a name unique in the survey and the date its fieldwork is centred on (one wave per date).</summary>
    public (Result Result, SurveyWave? Wave) AddWave(string? name, DateOnly? date)
    {
        var errors = new List<DomainError>();
        var cleanName = Text.Clean(name);
        if (cleanName is null)
        {
            errors.Add(new DomainError("Impact.WaveNameRequired", "Name"));
        }
        else if (cleanName.Length > SurveyWave.NameMaxLength)
        {
            errors.Add(new DomainError("Impact.WaveNameTooLong", "Name", SurveyWave.NameMaxLength));
        }
        else if (_waves.Exists(w => string.Equals(Text.Key(w.Name), Text.Key(cleanName), StringComparison.Ordinal)))
        {
            errors.Add(new DomainError("Impact.WaveNameRepeated", "Name", cleanName));
        }
        if (date is null)
        {
            errors.Add(new DomainError("Impact.WaveDateRequired", "Date"));
        }
        else if (date.Value.Year is < SurveyWave.MinYear or > SurveyWave.MaxYear)
        {
            errors.Add(new DomainError("Impact.WaveDateOutOfRange", "Date", SurveyWave.MinYear, SurveyWave.MaxYear));
        }
        else if (_waves.Exists(w => w.Date == date.Value))
        {
            errors.Add(new DomainError("Impact.WaveDateRepeated", "Date"));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var wave = new SurveyWave(cleanName!, date!.Value);
        _waves.Add(wave);
        return (Result.Success(), wave);
    }

    /// <summary>The waves in date order (the first is the baseline).</summary>
    public IReadOnlyList<SurveyWave> WavesInOrder() => [.. _waves.OrderBy(w => w.Date)];
}

/// <summary>A numeric outcome indicator of a survey; <see cref="Code"/> is its column in the field form's export.</summary>
public sealed class SurveyIndicator
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 120;

    /// <summary>Column names the answer file uses for itself (and Kobo's own start with an underscore).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "dni", "hogar", "ola", "observaciones" };

    internal SurveyIndicator(int position, string code, string name)
    {
        Position = position;
        Code = code;
        Name = name;
    }

    public int Id { get; private set; }

    public int SurveyId { get; private set; }

    public int Position { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>A column code: a lower-case letter, then letters, digits or underscores (Kobo's field names), not a reserved column.</summary>
    public static string? ParseCode(string? text, string field, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var code = Text.Clean(text)?.ToLowerInvariant();
        if (code is null)
        {
            errors.Add(new DomainError("Impact.IndicatorCodeRequired", field));
            return null;
        }
        if (code.Length > CodeMaxLength || !char.IsAsciiLetterLower(code[0]) || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add(new DomainError("Impact.IndicatorCodeBad", field, CodeMaxLength));
            return null;
        }
        if (Reserved.Contains(code))
        {
            errors.Add(new DomainError("Impact.IndicatorCodeReserved", field, code));
            return null;
        }
        return code;
    }
}

/// <summary>A round of the survey in the field (baseline, follow-up 1…), dated by the day its fieldwork is centred on.</summary>
public sealed class SurveyWave
{
    public const int NameMaxLength = 60;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    internal SurveyWave(string name, DateOnly date)
    {
        Name = name;
        Date = date;
    }

    public int Id { get; private set; }

    public int SurveyId { get; private set; }

    public string Name { get; private set; }

    public DateOnly Date { get; private set; }
}

/// <summary>
/// One household's value for one indicator in one wave. Typed on the answers form (a correction changes the value
/// in place; the audit keeps what it was) or imported from the field form's CSV (<see cref="ImportId"/>).
/// </summary>
public sealed class SurveyAnswer
{
    /// <summary>No outcome the programme measures reaches a thousand million (soles, hectares, scores).</summary>
    public const decimal MaxAbsValue = 1_000_000_000m;

    public const int MaxDecimals = 4;

    private SurveyAnswer()
    {
    }

    public int Id { get; private set; }

    public int WaveId { get; private set; }

    public int HouseholdId { get; private set; }

    public int IndicatorId { get; private set; }

    public decimal Value { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    public int RecordedByUserId { get; private set; }

    public int? ImportId { get; private set; }

    /// <summary>Checks a value: below <see cref="MaxAbsValue"/> in size and at most <see cref="MaxDecimals"/> decimals.</summary>
    public static DomainError? Check(decimal value, string field) =>
        Math.Abs(value) >= MaxAbsValue || decimal.Round(value, MaxDecimals) != value
            ? new DomainError("Impact.AnswerOutOfRange", field, MaxDecimals)
            : null;

    public static SurveyAnswer Record(int waveId, int householdId, int indicatorId, decimal value, int userId, DateTime nowUtc, int? importId = null)
    {
        if (Check(value, "Value") is { } error)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, error.Code);
        }
        return new SurveyAnswer
        {
            WaveId = waveId,
            HouseholdId = householdId,
            IndicatorId = indicatorId,
            Value = value,
            RecordedByUserId = userId,
            RecordedUtc = nowUtc,
            ImportId = importId,
        };
    }

    public void Correct(decimal value, int userId, DateTime nowUtc)
    {
        if (Check(value, "Value") is { } error)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, error.Code);
        }
        Value = value;
        RecordedByUserId = userId;
        RecordedUtc = nowUtc;
        ImportId = null;
    }

    /// <summary>Reads a typed value with the app's rule for numbers: a decimal point or a decimal comma, no thousands separators.</summary>
    public static decimal? Parse(string? text, string field, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var cleaned = Text.Clean(text);
        if (cleaned is null)
        {
            return null;
        }
        var normalized = cleaned.Replace(',', '.');
        if (normalized.Count(c => c == '.') > 1
            || !decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new DomainError("Impact.AnswerNotNumber", field, cleaned));
            return null;
        }
        if (Check(value, field) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return value;
    }
}
