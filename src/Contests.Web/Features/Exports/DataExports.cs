using Contests.Core.Monitoring;
using Contests.Web.Features.Monitoring;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Features.Exports;

/// <summary>
/// The export use case: reads the filters, decides whether the file may hold DNIs, records the export (audited) and
/// returns the tables to write. The controller writes them to the response.
/// </summary>
public sealed class DataExports(ContestsDbContext db, ExportQueries queries, TimeProvider clock)
{
    public async Task<IReadOnlyList<ExportTable>> StartAsync(ExportKind kind, string format, IndicatorFilter filter, string? table, bool seesFullDni,
        int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Only the participants' table has a DNI column, and only for the roles that see DNIs in full on screen.
        var withDni = seesFullDni && kind == ExportKind.Participants;
        var tables = await queries.TablesAsync(kind, filter, withDni, ct);
        db.DataExports.Add(DataExport.Record(kind, format, Describe(filter, table), withDni, userId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return table is null ? tables : [.. tables.Where(t => t.Name == table)];
    }

    /// <summary>The filters as recorded: <c>Year=2026;District=030101;Round=3;table=resumen</c>.</summary>
    public static string Describe(IndicatorFilter filter, string? table)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        Add("Year", filter.Year);
        Add("District", filter.District);
        Add("Theme", filter.Theme);
        Add("Level", filter.Level);
        Add("Round", filter.RoundId);
        Add("table", table);
        return string.Join(';', parts);
    }
}
