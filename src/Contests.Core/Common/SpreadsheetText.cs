namespace Contests.Core.Common;

/// <summary>
/// Text written into a spreadsheet (CSV or XLSX) that came from people: a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return is read as a formula by Excel and LibreOffice (CSV injection, OWASP),
/// so it is written with a leading apostrophe, which spreadsheets show as text and nobody mistakes for data.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet would take the text for a formula.</summary>
    public static bool LooksLikeFormula(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a spreadsheet cell may hold it: prefixed with an apostrophe when it looks like a formula.</summary>
    public static string Defuse(string? value) =>
        value is null ? string.Empty : LooksLikeFormula(value) ? "'" + value : value;
}
