using Contests.Core.Common;
using Contests.Core.Impact;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Impact;

/// <summary>
/// Imports a survey's answers from the CSV export of a KoboToolbox/ODK form: one row per household and wave, the
/// household in <c>dni</c> (head's or partner's) or <c>hogar</c> (its registry number), the wave in <c>ola</c> (its name
/// or its date), and a column per indicator named by the indicator's code (Kobo's group prefix <c>grupo/</c> is
/// dropped). Kobo's own columns (<c>_id</c>, <c>_uuid</c>, <c>start</c>, <c>end</c>…) are ignored. All or nothing:
/// every row is checked first; one problem and nothing is written, every problem listed by row and column. A household
/// already answered in that wave (in the database or earlier in the file) is a problem: corrections are typed.
/// </summary>
public sealed class SurveyAnswerImporter(ContestsDbContext db, Surveys surveys, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public const string DniColumn = "dni";
    public const string HouseholdColumn = "hogar";
    public const string WaveColumn = "ola";

    /// <summary>KoboToolbox/ODK metadata columns (besides those starting with an underscore).</summary>
    private static readonly HashSet<string> KoboMeta = new(StringComparer.Ordinal)
    {
        "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "instanceid", "meta/instanceid",
        "audit", "observaciones", "__version__",
    };

    public static string Sample(SurveyDetails survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var header = string.Join(',', new[] { DniColumn, HouseholdColumn, WaveColumn }.Concat(survey.Indicators.Select(i => i.Code)).Append("_uuid"));
        var wave = survey.Waves.Count > 0 ? survey.Waves[0].Name : "Línea de base";
        var row = string.Join(',', new[] { "12345678", "", ImportLayouts.Quote(wave) }.Concat(survey.Indicators.Select(_ => "1250.50"))
            .Append("0f5c7a2e-0000-4000-8000-000000000001"));
        return header + "\r\n" + row + "\r\n";
    }

    public async Task<ImportResult> ImportAsync(SurveyDetails survey, Stream content, string fileName, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(content);
        const ImportKind kind = ImportKind.SurveyAnswers;
        await using var file = await CsvFile.OpenAsync(content, ct);
        var problems = new ImportProblems();
        if (!file.IsText)
        {
            problems.Add(1, string.Empty, l["Import.NotText"]);
            return problems.Refusal(kind, fileName, 0, "Import.NotText");
        }
        var expected = string.Join(", ", new[] { DniColumn, HouseholdColumn, WaveColumn }.Concat(survey.Indicators.Select(i => i.Code)));
        using var records = file.Records().Read().GetEnumerator();
        if (!records.MoveNext())
        {
            problems.Add(1, string.Empty, l["Import.NoHeader", expected]);
            return problems.Refusal(kind, fileName, 0, "Import.NoHeader");
        }

        // The header: our three columns and the indicators' codes, each once.
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[records.Current.Fields.Length];
        var indicators = survey.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        for (var i = 0; i < records.Current.Fields.Length; i++)
        {
            var raw = records.Current.Fields[i];
            var key = ImportLayouts.HeaderKey(raw);
            var bare = key.Contains('/', StringComparison.Ordinal) ? key[(key.LastIndexOf('/') + 1)..] : key;
            names[i] = bare.Length > 0 ? bare : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (bare.Length == 0 || bare.StartsWith('_') || KoboMeta.Contains(key) || KoboMeta.Contains(bare))
            {
                continue;
            }
            if (bare is not (DniColumn or HouseholdColumn or WaveColumn) && !indicators.ContainsKey(bare))
            {
                problems.Add(1, raw, l["Import.UnknownColumn", raw, expected]);
                continue;
            }
            if (!header.TryAdd(bare, i))
            {
                problems.Add(1, bare, l["Import.RepeatedColumn", bare]);
            }
        }
        if (!header.ContainsKey(WaveColumn))
        {
            problems.Add(1, WaveColumn, l["Import.MissingColumn", WaveColumn]);
        }
        if (!header.ContainsKey(DniColumn) && !header.ContainsKey(HouseholdColumn))
        {
            problems.Add(1, DniColumn, l["Impact.ImportNoHouseholdColumn", DniColumn, HouseholdColumn]);
        }
        if (!indicators.Keys.Any(header.ContainsKey))
        {
            problems.Add(1, string.Empty, l["Impact.ImportNoIndicatorColumn", string.Join(", ", indicators.Keys)]);
        }
        var width = records.Current.Fields.Length;
        var headerRefused = problems.Any;
        var households = await surveys.HouseholdKeysAsync(ct);

        var waves = survey.Waves;
        var rows = new List<(int Row, int WaveId, int HouseholdId, List<(SurveyIndicator Indicator, decimal Value)> Values)>();
        var seen = new Dictionary<(int, int), int>();
        var count = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            count++;
            if (record.Fields.Length > width && record.Fields.Skip(width).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                problems.Add(record.Row, string.Empty, l["Import.ExtraFields", record.Fields.Length, width]);
            }
            if (headerRefused)
            {
                continue; // a bad header is the file's problem: its rows are counted, not read
            }
            if (ImportCells.Read(record, names, problems.Add, l) is not { } cells)
            {
                continue;
            }
            string? Field(string column) => header.TryGetValue(column, out var at) && at < cells.Fields.Length ? cells.Fields[at] : null;
            var errors = new List<DomainError>();
            var waveText = Text.Clean(Field(WaveColumn));
            var wave = waveText is null ? null
                : waves.FirstOrDefault(w => string.Equals(Text.Key(w.Name), Text.Key(waveText), StringComparison.Ordinal))
                  ?? waves.FirstOrDefault(w => Surveys.ParseDate(waveText, WaveColumn, new List<DomainError>()) == w.Date);
            if (wave is null)
            {
                problems.Add(cells.Row, WaveColumn, waveText is null
                    ? l["Validation.Required", WaveColumn].Value
                    : l["Impact.ImportUnknownWave", waveText, string.Join(", ", waves.Select(w => w.Name))].Value);
            }
            var householdText = Text.Clean(Field(DniColumn)) ?? Field(HouseholdColumn);
            var householdColumn = Text.Clean(Field(DniColumn)) is not null ? DniColumn : HouseholdColumn;
            var household = households.Find(householdText, householdColumn, errors);
            var values = new List<(SurveyIndicator, decimal)>();
            foreach (var (code, indicator) in indicators)
            {
                if (SurveyAnswer.Parse(Field(code), code, errors) is { } value)
                {
                    values.Add((indicator, value));
                }
            }
            if (values.Count == 0 && !errors.Exists(e => e.Field is not (DniColumn or HouseholdColumn)))
            {
                errors.Add(new DomainError("Impact.NoAnswers", indicators.Keys.First(header.ContainsKey)));
            }
            foreach (var error in errors)
            {
                problems.Add(cells.Row, error.Field ?? string.Empty, ModelStateExtensions.Localize(error, l, f => f));
            }
            if (wave is null || household is null || errors.Count > 0)
            {
                continue;
            }
            if (!seen.TryAdd((wave.Id, household.Value), cells.Row))
            {
                problems.Add(cells.Row, householdColumn, l["Impact.ImportRepeatedInFile", householdText!, wave.Name, seen[(wave.Id, household.Value)]]);
                continue;
            }
            rows.Add((cells.Row, wave.Id, household.Value, values));
        }
        if (count == 0 && !problems.Any)
        {
            problems.Add(2, string.Empty, l["Import.Empty"]);
            return problems.Refusal(kind, fileName, 0, "Import.Empty");
        }
        if (!problems.Any)
        {
            var waveIds = waves.Select(w => w.Id).ToList();
            var recorded = (await db.SurveyAnswers.AsNoTracking().Where(a => waveIds.Contains(a.WaveId))
                .Select(a => new { a.WaveId, a.HouseholdId }).Distinct().ToListAsync(ct)).Select(a => (a.WaveId, a.HouseholdId)).ToHashSet();
            foreach (var row in rows.Where(r => recorded.Contains((r.WaveId, r.HouseholdId))))
            {
                problems.Add(row.Row, WaveColumn, l["Impact.ImportAlreadyRecorded", waves.First(w => w.Id == row.WaveId).Name]);
            }
        }
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, count);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, file.Sha256, count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var (_, waveId, householdId, values) in rows)
        {
            foreach (var (indicator, value) in values)
            {
                db.SurveyAnswers.Add(SurveyAnswer.Record(waveId, householdId, indicator.Id, value, userId, now, import.Id));
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(kind, fileName, count, [], import.Id);
    }
}
