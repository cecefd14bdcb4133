namespace Contests.Web.Features.Exports;

/// <summary>How a column's values are written: text (defused, see <see cref="Core.Common.SpreadsheetText"/>) or a number a spreadsheet sums.</summary>
public enum ColumnKind
{
    Text,
    Whole,
    Number,
    Money,
    Date,
    DateTime,
}

/// <summary>A column: its name in the header row (a stable snake_case code in Spanish, as the import layouts name theirs) and its kind.</summary>
public sealed record ExportColumn(string Name, ColumnKind Kind);

/// <summary>
/// One table of an export: a sheet of the workbook, or the whole CSV. Rows come as they are read from the database
/// (<c>AsAsyncEnumerable</c>), one array of values per row in the order of <see cref="Columns"/>: <see cref="string"/>,
/// <see cref="int"/>, <see cref="decimal"/>, <see cref="DateOnly"/> or <see cref="DateTime"/> (already in Lima time), or null
/// for an empty cell.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows);
