using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.FollowUp;

/// <summary>
/// Imports a round's follow-up visits from the CSV export of a KoboToolbox/ODK form (one row per visit and activity,
/// the visit's own fields repeated on each of its rows). The whole file is checked first — every row, every visit
/// against Core's rules and against the visits already recorded — and written in one transaction only when nothing
/// is wrong, with an <see cref="ImportRecord"/> the visits point to. The reading is the registry import's: the same
/// streaming CSV reader (encodings, delimiters, binary files), the same edge rule for each cell (<see cref="ImportCells"/>)
/// and the same problem report (escaped for spreadsheets).
/// </summary>
public sealed class VisitImporter(ContestsDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>A round's visits fit in far less: 5 MB is tens of thousands of rows.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(ContestRound round, Stream content, string fileName, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(content);
        const ImportKind kind = ImportKind.FollowUpVisits;
        await using var file = await CsvFile.OpenAsync(content, ct);
        var problems = new ImportProblems();
        if (!file.IsText)
        {
            problems.Add(1, string.Empty, l["Import.NotText"]);
            return problems.Refusal(kind, fileName, 0, "Import.NotText");
        }
        using var records = file.Records().Read().GetEnumerator();
        if (!records.MoveNext())
        {
            problems.Add(1, string.Empty, l["Import.NoHeader", string.Join(", ", VisitLayout.Columns.Select(c => c.Header))]);
            return problems.Refusal(kind, fileName, 0, "Import.NoHeader");
        }
        var header = ReadHeader(records.Current, problems);
        var width = records.Current.Fields.Length;
        var byIndex = header.ToDictionary(h => h.Value, h => h.Key);
        var columns = ImportCells.ColumnNames(width, i => byIndex.TryGetValue(i, out var f) ? VisitLayout.HeaderOf(f) : null);
        var rows = new List<(int Row, Func<string, string?> Field)>();
        var count = 0;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue; // a spreadsheet's empty line
            }
            count++;
            if (record.Fields.Length > width && record.Fields.Skip(width).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                problems.Add(record.Row, string.Empty, l["Import.ExtraFields", record.Fields.Length, width]);
            }
            if (ImportCells.Read(record, columns, problems.Add, l) is { } cells && !problems.Any)
            {
                rows.Add((cells.Row, field => header.TryGetValue(field, out var at) && at < cells.Fields.Length ? cells.Fields[at] : null));
            }
        }
        if (count == 0 && !problems.Any)
        {
            problems.Add(2, string.Empty, l["Import.Empty"]);
            return problems.Refusal(kind, fileName, 0, "Import.Empty");
        }
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, count);
        }

        var entries = await db.Entries.Include(e => e.Baseline).Where(e => e.RoundId == round.Id).ToDictionaryAsync(e => e.Number, ct);
        var entryIds = entries.Values.Select(e => e.Id).ToArray();
        var recorded = (await db.FollowUpVisits.AsNoTracking().Where(v => entryIds.Contains(v.EntryId))
            .Select(v => new { v.EntryId, v.VisitedOn, v.VisitorName }).ToListAsync(ct))
            .Select(v => (v.EntryId, v.VisitedOn, Text.Key(v.VisitorName))).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var checkedVisits = new List<(Entry Entry, FollowUpInput Input)>();
        var seen = new Dictionary<(int, DateOnly, string), int>();
        foreach (var visit in Group(rows, problems))
        {
            var first = visit[0];
            if (Entry(first.Field(VisitLayout.Entry), entries, first.Row, problems) is not { } entry)
            {
                continue;
            }
            var items = new List<(int Position, string? Quantity, string? Value)>();
            var itemRows = new List<int>();
            foreach (var (row, field) in visit)
            {
                if (Activity(entry, field(VisitLayout.Activity), field(VisitLayout.Quantity), field(VisitLayout.Value), row, problems) is { } position)
                {
                    items.Add((position, field(VisitLayout.Quantity), field(VisitLayout.Value)));
                    itemRows.Add(row);
                }
            }
            var edge = new List<DomainError>();
            var spending = Enum.GetValues<SpendingCategory>().ToDictionary(c => c.ToString(), c => Text.Clean(first.Field(VisitLayout.SpendingField(c))),
                StringComparer.Ordinal);
            var input = VisitFields.Read(first.Field(VisitLayout.VisitedOn), first.Field(VisitLayout.VisitedBy), first.Field(VisitLayout.VisitorName),
                items, spending, first.Field(VisitLayout.OwnInvestment), first.Field(VisitLayout.InvestmentKept), first.Field(VisitLayout.Notes), edge);
            var (result, _) = FollowUpVisit.Record(entry, input, userId, now);
            foreach (var error in VisitFields.Merge(edge, result.Errors))
            {
                var (row, column) = Place(error.Field, first.Row, itemRows);
                problems.Add(row, column, $"N.° {entry.Number}: " + ModelStateExtensions.Localize(error, l, VisitLayout.HeaderOf));
            }
            if (!result.Succeeded || edge.Count > 0)
            {
                continue;
            }
            var key = (entry.Id, input.VisitedOn!.Value, Text.Key(input.VisitorName!));
            if (recorded.Contains(key))
            {
                problems.Add(first.Row, VisitLayout.HeaderOf(VisitLayout.VisitedOn), l["FollowUp.ImportAlreadyRecorded", entry.Number, Display(input.VisitedOn.Value)]);
            }
            else if (!seen.TryAdd(key, first.Row))
            {
                problems.Add(first.Row, VisitLayout.HeaderOf(VisitLayout.VisitedOn), l["FollowUp.ImportRepeatedInFile", entry.Number, seen[key]]);
            }
            else
            {
                checkedVisits.Add((entry, input));
            }
        }
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, count);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, file.Sha256, count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var (entry, input) in checkedVisits)
        {
            var (result, visit) = FollowUpVisit.Record(entry, input, userId, now, import.Id);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("A visit checked a moment ago was refused on writing.");
            }
            db.FollowUpVisits.Add(visit!);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(kind, fileName, count, [], import.Id) { };
    }

    /// <summary>How many visits an import wrote (the rows are per visit and activity).</summary>
    public Task<int> VisitsOfAsync(int importId, CancellationToken ct) => db.FollowUpVisits.CountAsync(v => v.ImportId == importId, ct);

    private Dictionary<string, int> ReadHeader(CsvRecord record, ImportProblems problems)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Length; i++)
        {
            var key = ImportLayouts.HeaderKey(record.Fields[i]);
            var column = VisitLayout.Find(key);
            if (column is null)
            {
                if (key.Length > 0 && !VisitLayout.Ignored(key))
                {
                    problems.Add(1, record.Fields[i], l["Import.UnknownColumn", record.Fields[i], string.Join(", ", VisitLayout.Columns.Select(c => c.Header))]);
                }
                continue;
            }
            if (!header.TryAdd(column.Field, i))
            {
                problems.Add(1, column.Header, l["Import.RepeatedColumn", column.Header]);
            }
        }
        foreach (var missing in VisitLayout.Columns.Where(c => c.Required && !header.ContainsKey(c.Field)))
        {
            problems.Add(1, missing.Header, l["Import.MissingColumn", missing.Header]);
        }
        return header;
    }

    /// <summary>
    /// The rows of each visit, in file order: by the submission's id when the file has one (Kobo's <c>_submission__uuid</c>),
    /// else by entry, date and visitor. A visit's own fields must say the same on each of its rows (blank repeats the first).
    /// </summary>
    private List<List<(int Row, Func<string, string?> Field)>> Group(List<(int Row, Func<string, string?> Field)> rows, ImportProblems problems)
    {
        var visits = new List<List<(int Row, Func<string, string?> Field)>>();
        var byKey = new Dictionary<string, List<(int Row, Func<string, string?> Field)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var submission = Text.Clean(row.Field(VisitLayout.Submission));
            var key = submission is not null
                ? "S|" + submission
                : string.Join('|', "V", Text.Key(row.Field(VisitLayout.Entry) ?? ""), Text.Key(row.Field(VisitLayout.VisitedOn) ?? ""),
                    Text.Key(row.Field(VisitLayout.VisitorName) ?? ""));
            if (!byKey.TryGetValue(key, out var visit))
            {
                byKey[key] = visit = [];
                visits.Add(visit);
            }
            else
            {
                var first = visit[0];
                foreach (var field in VisitLayout.VisitFields)
                {
                    var here = Text.Clean(row.Field(field));
                    if (here is not null && !string.Equals(here, Text.Clean(first.Field(field)), StringComparison.Ordinal))
                    {
                        problems.Add(row.Row, VisitLayout.HeaderOf(field), l["FollowUp.ImportDiffers", VisitLayout.HeaderOf(field), first.Row]);
                    }
                }
            }
            visit.Add(row);
        }
        return visits;
    }

    private Entry? Entry(string? text, Dictionary<int, Entry> entries, int row, ImportProblems problems)
    {
        var cleaned = Text.Clean(text);
        var digits = cleaned is null ? null : new string(cleaned.SkipWhile(c => !char.IsAsciiDigit(c)).ToArray());
        if (cleaned is null)
        {
            problems.Add(row, VisitLayout.HeaderOf(VisitLayout.Entry), l["Validation.Required", VisitLayout.HeaderOf(VisitLayout.Entry)]);
        }
        else if (digits is { Length: > 0 and <= 7 } && digits.All(char.IsAsciiDigit)
                 && entries.TryGetValue(int.Parse(digits, CultureInfo.InvariantCulture), out var entry))
        {
            return entry;
        }
        else
        {
            problems.Add(row, VisitLayout.HeaderOf(VisitLayout.Entry), l["FollowUp.ImportUnknownEntry", cleaned]);
        }
        return null;
    }

    /// <summary>The baseline position a row's activity names (its name, or its order 1, 2, 3); null for a row without one.</summary>
    private int? Activity(Entry entry, string? text, string? quantity, string? value, int row, ImportProblems problems)
    {
        var name = Text.Clean(text);
        var baseline = entry.Baseline.OrderBy(b => b.Position).ToList();
        if (name is null)
        {
            if (Text.Clean(quantity) is not null || Text.Clean(value) is not null)
            {
                problems.Add(row, VisitLayout.HeaderOf(VisitLayout.Activity), l["FollowUp.ImportActivityMissing", entry.Number]);
            }
            return null;
        }
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var order) && order >= 1 && order <= baseline.Count)
        {
            return baseline[order - 1].Position;
        }
        var key = Text.Key(name);
        if (baseline.FirstOrDefault(b => Text.Key(b.Activity) == key) is { } named)
        {
            return named.Position;
        }
        problems.Add(row, VisitLayout.HeaderOf(VisitLayout.Activity), l["FollowUp.ImportUnknownActivity", name, entry.Number,
            baseline.Count == 0 ? "—" : string.Join(", ", baseline.Select((b, i) => $"{i + 1} {b.Activity}"))]);
        return null;
    }

    /// <summary>Where a visit's problem goes: an activity's to its row, the visit's own fields to its first row.</summary>
    private static (int Row, string Column) Place(string? field, int firstRow, List<int> itemRows)
    {
        if (field is not null && field.StartsWith("Items[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(field[6..close], CultureInfo.InvariantCulture);
            var part = field[(close + 2)..];
            return (index < itemRows.Count ? itemRows[index] : firstRow,
                VisitLayout.HeaderOf(part switch { "Quantity" => VisitLayout.Quantity, "Value" => VisitLayout.Value, _ => VisitLayout.Activity }));
        }
        return (firstRow, field is null ? VisitLayout.HeaderOf(VisitLayout.Entry) : VisitLayout.HeaderOf(field));
    }

    private static string Display(DateOnly date) => Infrastructure.Localization.Display.Date(date);
}
