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
    /// </summary>
    public static CsvRecord? Read(CsvRecord record, Func<int, string> columnOf, Action<ImportProblem> report, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(columnOf);
        ArgumentNullException.ThrowIfNull(report);
        var fields = new string[record.Fields.Length];
        var refused = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var column = columnOf(i);
            fields[i] = InputText.Normalize(record.Fields[i], column, out var error) ?? string.Empty;
            if (error is not null)
            {
                report(new ImportProblem(record.Row, column, ModelStateExtensions.Localize(error, localizer, _ => column)));
                refused = true;
            }
        }
        return refused ? null : record with { Fields = fields };
    }
}
