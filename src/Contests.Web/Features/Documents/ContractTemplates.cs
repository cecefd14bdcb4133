using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

/// <summary>One clause as typed in the template editor.</summary>
public sealed class ClauseForm
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public bool IsBlank => Text.Clean(Title) is null && Text.Clean(Body) is null;
}

/// <summary>The template editor: every clause (blank ones are dropped, which is how a clause is removed) and what changed.</summary>
public sealed class ContractTemplateForm
{
    /// <summary>Empty clauses the editor offers after the last one.</summary>
    public const int SpareClauses = 2;

    public List<ClauseForm> Clauses { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>One version in the template's history.</summary>
public sealed record TemplateVersionRow(int Version, string? Note, string By, DateTime CreatedUtc, int Contracts);

/// <summary>The template page: the version shown (the current one unless asked), its history, the editor's form.</summary>
public sealed record ContractTemplatePage(ContractTemplate Shown, int CurrentVersion, bool Stored, IReadOnlyList<TemplateVersionRow> Versions,
    ContractTemplateForm Form);

/// <summary>
/// The programme's contract template (<see cref="ContractTemplate"/>), versioned: until someone edits it, the default
/// eleven clauses are the current version 1 (stored the first time a contract is issued or the text changes); each
/// edit is a new version with a note, and every contract records the version it printed.
/// </summary>
public sealed class ContractTemplates(ContestsDbContext db, TimeProvider clock)
{
    /// <summary>The latest stored version, or the default (not stored) when there is none.</summary>
    public async Task<ContractTemplate> CurrentAsync(CancellationToken ct) =>
        await db.ContractTemplates.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct)
        ?? ContractTemplate.Default(0, clock.GetUtcNow().UtcDateTime);

    /// <summary>The latest stored version; stores the default as version 1 first when there is none (by <paramref name="userId"/>).</summary>
    public async Task<ContractTemplate> CurrentStoredAsync(int userId, CancellationToken ct)
    {
        if (await db.ContractTemplates.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct) is { } stored)
        {
            return stored;
        }
        var first = ContractTemplate.Default(userId, clock.GetUtcNow().UtcDateTime);
        db.ContractTemplates.Add(first);
        try
        {
            await db.SaveChangesAsync(ct);
            return first;
        }
        catch (DbUpdateException)
        {
            // Someone stored version 1 meanwhile: use theirs.
            db.Entry(first).State = EntityState.Detached;
            return await db.ContractTemplates.AsNoTracking().OrderByDescending(t => t.Version).FirstAsync(ct);
        }
    }

    /// <summary>Version <paramref name="version"/>, or <paramref name="current"/> when null or its own; null when there is no such version.</summary>
    private async Task<ContractTemplate?> VersionAsync(ContractTemplate current, int? version, CancellationToken ct) =>
        version is not { } v || v == current.Version ? current : await db.ContractTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Version == v, ct);

    /// <summary>
    /// A preview of a version as the PDF prints it, without issuing anything: each placeholder shows as «nombre», the
    /// tables hold example rows, the number reads VISTA PREVIA and the QR code points at the verification form.
    /// </summary>
    /// <returns>The PDF and the version it shows; null when there is no such version.</returns>
    public async Task<(byte[] Pdf, int Version)?> PreviewAsync(int? version, string baseUrl, CancellationToken ct)
    {
        if (await VersionAsync(await CurrentAsync(ct), version, ct) is not { } template)
        {
            return null;
        }
        var programme = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "«programa»";
        var now = clock.GetUtcNow().UtcDateTime;
        static string Marker(string name) => "«" + name + "»";
        var values = ContractPlaceholders.All.ToDictionary(p => p.Name, p => Marker(p.Name));
        var document = new ContractDocument("VISTA PREVIA", new string('0', 24), baseUrl.TrimEnd('/') + "/verify", programme, Marker("oficina"),
            Marker("organizacion"), template.Fill(values),
            [new ContractComponent(Marker("componente 1"), 7_000m, 2_000m), new ContractComponent(Marker("componente 2"), 3_000m, 500m)],
            [new ContractTranche("Primer tramo", 70m, 7_000m, Contracts.FirstTrancheCondition), new ContractTranche("Segundo tramo", 30m, 3_000m, Contracts.SecondTrancheCondition)],
            Marker("banco"), Marker("cuenta"), Marker("cci"), Marker("lugar"), DateOnly.FromDateTime(LimaTime.FromUtc(now)),
            new ContractSigner(Marker("jefe_oficina"), null, "Jefe(a) de la Oficina Local\nEL PROYECTO"),
            new ContractSigner(Marker("presidente"), Marker("presidente_dni"), "Presidente(a) de la organización"),
            new ContractSigner(Marker("tesorero"), Marker("tesorero_dni"), "Tesorero(a) de la organización"), now);
        return (ContractPdf.Render(document), template.Version);
    }

    /// <summary>The page, showing <paramref name="version"/> when given (null when no such version).</summary>
    public async Task<ContractTemplatePage?> PageAsync(int? version, ContractTemplateForm? typed, CancellationToken ct)
    {
        var current = await CurrentAsync(ct);
        var stored = current.Id != 0;
        if (await VersionAsync(current, version, ct) is not { } shown)
        {
            return null;
        }
        var counts = await db.DonationContracts.AsNoTracking().GroupBy(c => c.TemplateVersion).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var versions = await (from t in db.ContractTemplates.AsNoTracking()
                              join u in db.Users.AsNoTracking() on t.CreatedByUserId equals u.Id
                              orderby t.Version descending
                              select new { t.Version, t.Note, u.DisplayName, t.CreatedUtc }).ToListAsync(ct);
        var rows = versions.Select(t => new TemplateVersionRow(t.Version, t.Note, t.DisplayName, t.CreatedUtc, counts.GetValueOrDefault(t.Version))).ToList();
        var form = typed ?? new ContractTemplateForm { Clauses = [.. current.Clauses.Select(c => new ClauseForm { Title = c.Title, Body = c.Body })] };
        var padded = form.Clauses.Where(c => !c.IsBlank).ToList();
        padded.AddRange(Enumerable.Range(0, ContractTemplateForm.SpareClauses).Select(_ => new ClauseForm()));
        return new ContractTemplatePage(shown, current.Version, stored, rows, new ContractTemplateForm { Clauses = padded, Note = form.Note });
    }

    /// <summary>
    /// Saves the typed clauses as the next version, or refuses with every reason (fields name the clause at its
    /// position in the form; nothing is written): no clause, a title or body missing or too long, an unknown or
    /// malformed placeholder, no note, nothing changed, or another version saved meanwhile.
    /// </summary>
    public async Task<(Result Result, int? Version)> SaveAsync(ContractTemplateForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var positions = new List<int>();
        var clauses = new List<ContractClause>();
        for (var i = 0; i < form.Clauses.Count; i++)
        {
            if (!form.Clauses[i].IsBlank)
            {
                positions.Add(i);
                clauses.Add(new ContractClause(form.Clauses[i].Title ?? string.Empty, form.Clauses[i].Body ?? string.Empty));
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<DomainError>();
        var current = await db.ContractTemplates.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        var next = (current ?? ContractTemplate.Default(userId, now)).NextVersion(clauses, form.Note, userId, now, errors);
        if (next is null)
        {
            return (Result.Fail([.. errors.Select(e => e with { Field = AtPosition(e.Field, "Clauses[", positions) })]), null);
        }
        if (current is null)
        {
            db.ContractTemplates.Add(ContractTemplate.Default(userId, now));
        }
        db.ContractTemplates.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
            return (Result.Success(), next.Version);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (Result.Fail(new DomainError("Contract.TemplateChanged")), null);
        }
    }

    /// <summary>
    /// A field of a list whose blank rows were dropped ("Clauses[2].Body" of the third kept row) renamed after the row's
    /// position in the form, as the person sees it.
    /// </summary>
    internal static string? AtPosition(string? field, string prefix, IReadOnlyList<int> positions)
    {
        if (field is null || !field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return field;
        }
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return close > prefix.Length
            && int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < positions.Count
            ? prefix + positions[k].ToString(CultureInfo.InvariantCulture) + field[close..]
            : field;
    }
}
