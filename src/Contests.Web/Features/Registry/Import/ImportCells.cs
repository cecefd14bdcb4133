using Contests.Core.Common;
using Contests.Web.Infrastructure.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry.Import;

/// <summary>
/// The edge's rule (<see cref="InputText"/>) for a CSV file: what a form field gets from
/// <c>RefuseUnreadableText</c> and the string binder, each cell of an import gets here.
/// </summary>
public static class ImportCells
{
    /// <summary>
    /// The record with every cell composed (NFC); or null, with one problem per refused cell (its row,
    /// its column, the character), when a cell holds a NUL, a control character, a direction override,
    /// a lone surrogate or a noncharacter — such a row is reported and looked at no further.
    /// The record itself is returned when no cell changes (the usual case: text already composed), so a
    /// file's cells are not copied once more. The problems name each cell's column from <c>columns</c> (<see cref="ColumnNames"/>).
    /// </summary>
    public static CsvRecord? Read(CsvRecord record, IReadOnlyList<string> columns, Action<ImportProblem> report, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(report);
        string[]? changed = null;
        var refused = false;
        for (var i = 0; i < record.Fields.Length; i++)
        {
            var original = record.Fields[i];
            var column = i < columns.Count ? columns[i] : ColumnNumber(i);
            var cell = InputText.Normalize(original, column, out var error) ?? string.Empty;
            if (error is not null)
            {
                report(new ImportProblem(record.Row, column, ModelStateExtensions.Localize(error, localizer, _ => column)));
                refused = true;
            }
            else if (!ReferenceEquals(cell, original) && !string.Equals(cell, original, StringComparison.Ordinal))
            {
                changed ??= (string[])record.Fields.Clone();
                changed[i] = cell;
            }
        }
        return refused ? null : changed is null ? record : record with { Fields = changed };
    }

    /// <summary>
    /// Each cell index of a file's rows and the name its problems carry: the column's header for a known column
    /// (<paramref name="headerOf"/>), else its number from 1. Made once per file, not looked up per cell.
    /// </summary>
    public static string[] ColumnNames(int width, Func<int, string?> headerOf)
    {
        ArgumentNullException.ThrowIfNull(headerOf);
        var names = new string[width];
        for (var i = 0; i < width; i++)
        {
            names[i] = headerOf(i) ?? ColumnNumber(i);
        }
        return names;
    }

    private static string ColumnNumber(int index) => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
