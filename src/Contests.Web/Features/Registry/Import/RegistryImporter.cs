using System.Text;
using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry.Import;

/// <summary>One thing wrong with an import file: the spreadsheet row (the header is row 1), the column, why.</summary>
public sealed record ImportProblem(int Row, string Column, string Message);

/// <summary>Where an import is: reading, checking rows (done of total), writing (done of total).</summary>
public sealed record ImportProgress(ImportPhase Phase, int Done, int Total);

public enum ImportPhase
{
    Reading,
    Validating,
    Writing,
    Done,
}

/// <summary>
/// What an import did: the rows it read, the problems (the first <see cref="ImportProblems.MaxKept"/>, with the
/// count of all of them), the import's number when it wrote, and — when the file as a whole is wrong (not a text
/// file, empty, a header without rows) — the code of what is wrong with it.
/// </summary>
public sealed record ImportResult(ImportKind Kind, string FileName, int Rows, IReadOnlyList<ImportProblem> Problems, int? ImportId)
{
    public bool Succeeded => ImportId is not null;

    /// <summary>Every problem found, also those beyond the ones kept in <see cref="Problems"/>.</summary>
    public int ProblemCount { get; init; } = Problems.Count;

    /// <summary>How many rows have at least one problem.</summary>
    public int RowsWithProblems { get; init; } = Problems.Select(p => p.Row).Distinct().Count();

    /// <summary>The message code when the file as a whole is wrong (<c>Import.NotText</c>, <c>Import.NoHeader</c>, <c>Import.Empty</c>); else null.</summary>
    public string? FileProblem { get; init; }

    /// <summary>
    /// The problems as a CSV the user can open next to the file (row, column, message), the first <paramref name="limit"/>.
    /// Cells are written as the bank file's are (<see cref="BankFile.Csv"/>): the column and the message carry what the
    /// user's file had, and a cell starting with = + - @ would be a formula in a spreadsheet.
    /// </summary>
    public string ReportCsv(int limit = int.MaxValue)
    {
        var csv = new StringBuilder("\uFEFFfila,columna,problema\r\n");
        foreach (var p in Problems.Take(limit))
        {
            csv.Append(p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(BankFile.Csv(p.Column)).Append(',').Append(BankFile.Csv(p.Message)).Append("\r\n");
        }
        return csv.ToString();
    }
}

/// <summary>
/// The problems of one import as they are found: the first <see cref="MaxKept"/> kept (a file where every row is
/// wrong would otherwise hold millions of messages), every one counted, and the rows that have one.
/// </summary>
public sealed class ImportProblems
{
    /// <summary>Enough for any file a person corrects by hand; beyond it the problem is one mistake repeated.</summary>
    public const int MaxKept = 20_000;

    private readonly List<ImportProblem> _kept = [];
    private readonly HashSet<int> _rows = [];

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public void Add(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Count++;
        _rows.Add(problem.Row);
        if (_kept.Count < MaxKept)
        {
            _kept.Add(problem);
        }
    }

    public void Add(int row, string column, string message) => Add(new ImportProblem(row, column, message));

    /// <summary>The refusal: the kept problems by row and column, the counts of all.</summary>
    public ImportResult Refusal(ImportKind kind, string fileName, int rows, string? fileProblem = null) =>
        new(kind, fileName, rows, [.. _kept.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal)], null)
        {
            ProblemCount = Count, RowsWithProblems = _rows.Count, FileProblem = fileProblem,
        };
}

/// <summary>
/// Imports households, communities or organizations from a CSV file. The whole file is checked first
/// — every row, duplicates within the file and against the register — and if anything is wrong,
/// nothing is written and every problem is reported by row and column. A clean file is written in
/// one transaction together with an <see cref="ImportRecord"/> (who, when, file hash), which is what
/// the audit trail records for the rows.
/// The file is checked as it streams: records are read one at a time, never the whole text; what a
/// row needs later (its DNIs for the register check, its parsed values for the write) is kept only
/// while the file can still be written — from the first problem on, only what the report needs.
/// </summary>
public sealed class RegistryImporter(ContestsDbContext db, DniOwners dniOwners, BulkHouseholdWriter householdWriter,
    IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>
    /// 20 MB ≈ 200,000 households. The file streams through the checks; what stays in memory at the peak is
    /// the parsed rows of a clean file (see the benchmarks); a bigger register goes in several files.
    /// </summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(ImportKind kind, Stream content, string fileName, int? userId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNotEqual(ImportKinds.IsRegistry(kind), true, nameof(kind));
        progress?.Report(new ImportProgress(ImportPhase.Reading, 0, 0));
        await using var file = await CsvFile.OpenAsync(content, ct);
        var problems = new ImportProblems();
        if (!file.IsText)
        {
            problems.Add(1, string.Empty, l["Import.NotText"]);
            return problems.Refusal(kind, fileName, 0, "Import.NotText");
        }
        using var records = file.Records().Read().GetEnumerator();
        var columns = ImportLayouts.For(kind);
        if (!records.MoveNext())
        {
            problems.Add(1, string.Empty, l["Import.NoHeader", string.Join(", ", columns.Select(c => c.Header))]);
            return problems.Refusal(kind, fileName, 0, "Import.NoHeader");
        }
        var header = ReadHeader(kind, records.Current, problems);
        var width = records.Current.Fields.Length;
        var cellColumns = ImportCells.ColumnNames(width, i => header.FirstOrDefault(h => h.Value == i).Key is { } f ? ImportLayouts.HeaderOf(kind, f) : null);
        var rows = new FileRows(records, width, problems, l, cellColumns);
        if (problems.Any)
        {
            // The columns are wrong: the rows can't be read as meant. Count them (and what else is visibly wrong).
            foreach (var _ in rows)
            {
            }
            return problems.Refusal(kind, fileName, rows.Count);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return kind switch
        {
            ImportKind.Households => await HouseholdsAsync(rows, header, () => Reread(file, width, cellColumns), fileName, file.Sha256, userId, now,
                problems, progress, ct),
            ImportKind.Communities => await CommunitiesAsync(rows, header, fileName, file.Sha256, userId, now, problems, progress, ct),
            _ => await OrganizationsAsync(rows, header, fileName, file.Sha256, userId, now, problems, progress, ct),
        };
    }

    /// <summary>The header: which column holds which field; unknown, repeated and missing columns are problems of row 1.</summary>
    private Dictionary<string, int> ReadHeader(ImportKind kind, CsvRecord record, ImportProblems problems)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = ImportLayouts.For(kind);
        for (var i = 0; i < record.Fields.Length; i++)
        {
            var key = ImportLayouts.HeaderKey(record.Fields[i]);
            var column = columns.FirstOrDefault(c => c.Header == key);
            if (column is null)
            {
                if (key.Length > 0)
                {
                    problems.Add(1, record.Fields[i], l["Import.UnknownColumn", record.Fields[i], string.Join(", ", columns.Select(c => c.Header))]);
                }
                continue;
            }
            if (!header.TryAdd(column.Field, i))
            {
                problems.Add(1, column.Header, l["Import.RepeatedColumn", column.Header]);
            }
        }
        foreach (var missing in columns.Where(c => c.Required && !header.ContainsKey(c.Field)))
        {
            problems.Add(1, missing.Header, l["Import.MissingColumn", missing.Header]);
        }
        return header;
    }

    /// <summary>
    /// The data rows after the header, read as they are enumerated (once): a row with more values than the header
    /// has columns is a problem; <see cref="Count"/> is how many rows were read.
    /// </summary>
    private sealed class FileRows(IEnumerator<CsvRecord> records, int width, ImportProblems problems, IStringLocalizer l, string[] columns)
        : IEnumerable<CsvRecord>
    {
        public int Count { get; private set; }

        public IEnumerator<CsvRecord> GetEnumerator()
        {
            while (records.MoveNext())
            {
                var record = records.Current;
                Count++;
                if (record.Fields.Length > width && record.Fields.Skip(width).Any(f => !string.IsNullOrWhiteSpace(f)))
                {
                    problems.Add(record.Row, string.Empty, l["Import.ExtraFields", record.Fields.Length, width]);
                }
                // The edge's rule for text, cell by cell: a row with an unreadable cell is reported and looked at no further.
                if (ImportCells.Read(record, columns, problems.Add, l) is { } cells)
                {
                    yield return cells;
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The file's data rows read again from its first byte, for a second pass over a file the first pass found clean
    /// (the header skipped; it was checked). The problems sink is the second pass's own: it finds none, as the first didn't.
    /// </summary>
    private IEnumerable<CsvRecord> Reread(CsvFile file, int width, string[] columns)
    {
        using var records = file.Records().Read().GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }
        foreach (var record in new FileRows(records, width, new ImportProblems(), l, columns))
        {
            yield return record;
        }
    }

    /// <summary>A file with a header and no rows says so (as the whole file's problem, not a row's).</summary>
    private ImportResult? NoRows(ImportKind kind, string fileName, FileRows rows, ImportProblems problems)
    {
        if (rows.Count > 0)
        {
            return null;
        }
        problems.Add(2, string.Empty, l["Import.Empty"]);
        return problems.Refusal(kind, fileName, 0, "Import.Empty");
    }

    private static string? Field(CsvRecord record, Dictionary<string, int> header, string field) =>
        header.TryGetValue(field, out var index) && index < record.Fields.Length ? record.Fields[index] : null;

    private void AddErrors(ImportProblems problems, int row, ImportKind kind, IEnumerable<DomainError> errors)
    {
        foreach (var error in errors)
        {
            var column = ImportLayouts.HeaderOf(kind, error.Field ?? string.Empty);
            problems.Add(row, column, ModelStateExtensions.Localize(error, l, f => ImportLayouts.HeaderOf(kind, f)));
        }
    }

    /// <summary>
    /// Households in two passes, so that a clean file is never held parsed in memory (peak memory ≤ 10 × the file, docs/architecture.md#figures-to-reach):
    /// the first checks every row and keeps only each DNI's row (in-file repeats, the register check) and the count of good
    /// rows; a clean file is then read and parsed again, row by row, as the writer takes the rows. Parsing is deterministic,
    /// so the second pass yields exactly the rows the first one passed (checked: a different count aborts the write).
    /// </summary>
    private async Task<ImportResult> HouseholdsAsync(FileRows records, Dictionary<string, int> header, Func<IEnumerable<CsvRecord>> reread,
        string fileName, string sha, int? userId, DateTime now, ImportProblems problems, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        const ImportKind kind = ImportKind.Households;
        var communities = await db.Communities.AsNoTracking().Select(c => new { c.Id, c.DistrictUbigeo, c.NameKey }).ToListAsync(ct);
        var communityIds = communities.ToDictionary(c => (c.DistrictUbigeo, c.NameKey), c => c.Id);
        var year = LimaTime.FromUtc(now).Year;
        // The DNIs (row, column) are kept for the register check; of the rows, only how many are good.
        var good = 0;
        var dniUses = new List<(int Row, string Dni, string Column)>();
        var dniRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<DomainError>();
        foreach (var record in records)
        {
            var (details, communityId) = ParseHousehold(record, header, communityIds, year, problems, errors);
            if (details is not null)
            {
                var headDni = details.Head.Dni!.Value;
                CheckRepeated(problems, dniRows, headDni, record.Row, "dni");
                dniUses.Add((record.Row, headDni, "dni"));
                if (details.Partner?.Dni is { } partnerDni)
                {
                    CheckRepeated(problems, dniRows, partnerDni.Value, record.Row, "conyuge_dni");
                    dniUses.Add((record.Row, partnerDni.Value, "conyuge_dni"));
                }
            }
            if (details is not null && communityId != 0)
            {
                good++;
            }
            if (records.Count % 5_000 == 0)
            {
                progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, 0));
            }
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));
        if (NoRows(kind, fileName, records, problems) is { } empty)
        {
            return empty;
        }

        // Against the register: one query for every DNI of the file.
        var owners = await dniOwners.FindAsync(dniRows.Keys, null, ct);
        foreach (var (row, dni, column) in dniUses)
        {
            if (owners.TryGetValue(dni, out var owner))
            {
                problems.Add(row, column, l[owner.IsHead ? "Dni.TakenByHead" : "Dni.TakenByPartner", dni, owner.FullName, owner.HouseholdId, owner.Community]);
            }
        }
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, records.Count);
        }

        // Not needed for the write: let them go (an async method's locals live as long as it runs).
        dniUses = [];
        dniRows = new Dictionary<string, int>(StringComparer.Ordinal);

        // The second pass: the same rows parsed again as they are written.
        IEnumerable<HouseholdRow> Rows()
        {
            var none = new ImportProblems();
            foreach (var record in reread())
            {
                if (ParseHousehold(record, header, communityIds, year, none, errors) is ({ } details, var communityId and not 0) && !none.Any)
                {
                    yield return new HouseholdRow(details, communityId);
                }
                else
                {
                    throw new InvalidOperationException($"Row {record.Row} read differently the second time.");
                }
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, sha, good, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        // Reported on this thread (Progress<T> would post to the pool and could arrive after "done").
        var writing = progress is null ? null : new InlineProgress<int>(done => progress.Report(new ImportProgress(ImportPhase.Writing, done, good)));
        await householdWriter.WriteAsync(Rows(), good, import.Id, now, writing, ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new ImportProgress(ImportPhase.Done, good, good));
        return new ImportResult(kind, fileName, records.Count, [], import.Id);
    }

    /// <summary>One household row: its details and its community's id (0 when unknown), each problem reported.</summary>
    private (HouseholdDetails? Details, int CommunityId) ParseHousehold(CsvRecord record, Dictionary<string, int> header,
        Dictionary<(string, string), int> communityIds, int year, ImportProblems problems, List<DomainError> errors)
    {
        const ImportKind kind = ImportKind.Households;
        errors.Clear();
        var details = HouseholdDetails.Parse(new HouseholdInput
        {
            HeadFirstNames = Field(record, header, "HeadFirstNames"), HeadLastNames = Field(record, header, "HeadLastNames"),
            HeadDni = Field(record, header, "HeadDni"), HeadSex = Field(record, header, "HeadSex"), HeadBirthYear = Field(record, header, "HeadBirthYear"),
            PartnerFirstNames = Field(record, header, "PartnerFirstNames"), PartnerLastNames = Field(record, header, "PartnerLastNames"),
            PartnerDni = Field(record, header, "PartnerDni"), PartnerSex = Field(record, header, "PartnerSex"),
            Members = Field(record, header, "Members"), Phone = Field(record, header, "Phone"),
            MotherTongue = Field(record, header, "MotherTongue"), Education = Field(record, header, "Education"),
        }, year, errors);
        AddErrors(problems, record.Row, kind, errors);

        var communityName = Text.Clean(Field(record, header, "Community"));
        var ubigeo = Ubigeo.TryParse(Field(record, header, "Ubigeo"), "Ubigeo", out var ubigeoError);
        var communityId = 0;
        if (ubigeoError is not null)
        {
            AddErrors(problems, record.Row, kind, [ubigeoError]);
        }
        if (communityName is null)
        {
            problems.Add(record.Row, "comunidad", l["Validation.Required", "comunidad"]);
        }
        else if (ubigeo is not null && !communityIds.TryGetValue((ubigeo.Value, Text.Key(communityName)), out communityId))
        {
            problems.Add(record.Row, "comunidad", l["Import.UnknownCommunity", communityName, ubigeo.Value]);
        }
        return (details, communityId);
    }

    private async Task<ImportResult> CommunitiesAsync(FileRows records, Dictionary<string, int> header, string fileName, string sha,
        int? userId, DateTime now, ImportProblems problems, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        const ImportKind kind = ImportKind.Communities;
        var districts = (await db.Districts.AsNoTracking().Select(d => d.Ubigeo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Communities.AsNoTracking().Select(c => new { c.Id, c.DistrictUbigeo, c.NameKey, c.Name }).ToListAsync(ct);
        var existingKeys = existing.ToDictionary(c => (c.DistrictUbigeo, c.NameKey));
        var watersheds = await db.Watersheds.Include(w => w.Communities).ToListAsync(ct);
        var seen = new Dictionary<(string, string), int>();
        var created = new List<(CommunityDetails Details, Core.Registry.Watershed? Watershed)>();
        var errors = new List<DomainError>();
        foreach (var record in records)
        {
            errors.Clear();
            var details = CommunityDetails.Parse(new CommunityInput
            {
                Name = Field(record, header, "Name"), Ubigeo = Field(record, header, "Ubigeo"), RegistryNumber = Field(record, header, "RegistryNumber"),
            }, errors);
            AddErrors(problems, record.Row, kind, errors);
            Core.Registry.Watershed? watershed = null;
            var watershedName = Text.Clean(Field(record, header, "Watershed"));
            if (watershedName is not null)
            {
                watershed = watersheds.Find(w => w.NameKey == Text.Key(watershedName));
                if (watershed is null)
                {
                    problems.Add(record.Row, "microcuenca", l["Import.UnknownWatershed", watershedName]);
                }
            }
            if (details is null)
            {
                continue;
            }
            var key = (details.District.Value, Text.Key(details.Name));
            if (!districts.Contains(details.District.Value))
            {
                problems.Add(record.Row, "ubigeo", l["Registry.UnknownDistrict", details.District.Value]);
            }
            else if (existingKeys.TryGetValue(key, out var other))
            {
                problems.Add(record.Row, "nombre", l["Community.Duplicate", other.Name, other.Id]);
            }
            else if (!seen.TryAdd(key, record.Row))
            {
                problems.Add(record.Row, "nombre", l["Import.RepeatedInFile", details.Name, seen[key]]);
            }
            else if (!problems.Any)
            {
                created.Add((details, watershed));
            }
            if (problems.Any && created.Count > 0)
            {
                created = [];
            }
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));
        if (NoRows(kind, fileName, records, problems) is { } empty)
        {
            return empty;
        }
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, records.Count);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, sha, created.Count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        var communities = created.Select(c => Community.Create(c.Details, now, import.Id)).ToList();
        db.Communities.AddRange(communities);
        await db.SaveChangesAsync(ct);
        foreach (var group in created.Select((c, i) => (c.Watershed, communities[i].Id)).Where(x => x.Watershed is not null).GroupBy(x => x.Watershed!))
        {
            group.Key.SetCommunities(group.Key.Communities.Select(c => c.CommunityId).Concat(group.Select(g => g.Id)));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new ImportProgress(ImportPhase.Done, created.Count, created.Count));
        return new ImportResult(kind, fileName, records.Count, [], import.Id);
    }

    private async Task<ImportResult> OrganizationsAsync(FileRows records, Dictionary<string, int> header, string fileName, string sha,
        int? userId, DateTime now, ImportProblems problems, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        const ImportKind kind = ImportKind.Organizations;
        var districts = (await db.Districts.AsNoTracking().Select(d => d.Ubigeo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.NameKey, o.DistrictUbigeo, o.Ruc }).ToListAsync(ct);
        var byName = existing.ToDictionary(o => (o.DistrictUbigeo, o.NameKey));
        var byRuc = existing.Where(o => o.Ruc != null).ToDictionary(o => o.Ruc!, StringComparer.Ordinal);
        // The parsed organizations are kept for the write only while the file has no problem; the member DNIs by row for the check.
        var parsed = new List<(OrganizationDetails Details, List<string> Members)>();
        var memberUses = new List<(int Row, string Dni)>();
        var seenNames = new Dictionary<(string, string), int>();
        var seenRucs = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<DomainError>();
        foreach (var record in records)
        {
            errors.Clear();
            var details = OrganizationDetails.Parse(new OrganizationInput
            {
                Name = Field(record, header, "Name"), Type = Field(record, header, "Type"), Ruc = Field(record, header, "Ruc"),
                RegistryNumber = Field(record, header, "RegistryNumber"), Ubigeo = Field(record, header, "Ubigeo"),
                PresidentName = Field(record, header, "PresidentName"), PresidentDni = Field(record, header, "PresidentDni"),
                TreasurerName = Field(record, header, "TreasurerName"), TreasurerDni = Field(record, header, "TreasurerDni"),
            }, errors);
            AddErrors(problems, record.Row, kind, errors);
            var members = new List<string>();
            foreach (var token in (Field(record, header, "MemberDnis") ?? string.Empty).Split([' ', '|', ';', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                var dni = Dni.TryParse(token, "MemberDnis", out var dniError);
                if (dniError is not null)
                {
                    AddErrors(problems, record.Row, kind, [dniError]);
                }
                else if (!members.Contains(dni!.Value))
                {
                    members.Add(dni.Value);
                }
            }
            if (details is null)
            {
                continue;
            }
            memberUses.AddRange(members.Select(m => (record.Row, m)));
            var key = (details.District.Value, Text.Key(details.Name));
            if (!districts.Contains(details.District.Value))
            {
                problems.Add(record.Row, "ubigeo", l["Registry.UnknownDistrict", details.District.Value]);
            }
            if (byName.TryGetValue(key, out var sameName))
            {
                problems.Add(record.Row, "nombre", l["Organization.Duplicate", sameName.Name, sameName.Id]);
            }
            else if (!seenNames.TryAdd(key, record.Row))
            {
                problems.Add(record.Row, "nombre", l["Import.RepeatedInFile", details.Name, seenNames[key]]);
            }
            if (details.Ruc is { } ruc)
            {
                if (byRuc.TryGetValue(ruc.Value, out var holder))
                {
                    problems.Add(record.Row, "ruc", l["Organization.RucTaken", ruc.Value, holder.Name, holder.Id]);
                }
                else if (!seenRucs.TryAdd(ruc.Value, record.Row))
                {
                    problems.Add(record.Row, "ruc", l["Import.RepeatedInFile", ruc.Value, seenRucs[ruc.Value]]);
                }
            }
            if (problems.Any)
            {
                if (parsed.Count > 0)
                {
                    parsed = []; // nothing will be written: stop keeping the organizations
                }
            }
            else
            {
                parsed.Add((details, members));
            }
        }
        if (NoRows(kind, fileName, records, problems) is { } empty)
        {
            return empty;
        }
        var memberDnis = memberUses.Select(m => m.Dni).Distinct(StringComparer.Ordinal).ToArray();
        var households = await db.Households.AsNoTracking().Where(h => EF.Parameter(memberDnis).Contains(h.HeadDni))
            .Select(h => new { h.Id, h.HeadDni }).ToDictionaryAsync(h => h.HeadDni, h => h.Id, StringComparer.Ordinal, ct);
        foreach (var (row, dni) in memberUses.Where(m => !households.ContainsKey(m.Dni)))
        {
            problems.Add(row, "dni_socios", l["Organization.UnknownMemberDni", dni]);
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));
        if (problems.Any)
        {
            return problems.Refusal(kind, fileName, records.Count);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, sha, parsed.Count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var (details, members) in parsed)
        {
            var organization = Organization.Create(details, now, import.Id);
            foreach (var dni in members)
            {
                organization.AddMember(households[dni], now);
            }
            db.Organizations.Add(organization);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new ImportProgress(ImportPhase.Done, parsed.Count, parsed.Count));
        return new ImportResult(kind, fileName, records.Count, [], import.Id);
    }

    private void CheckRepeated(ImportProblems problems, Dictionary<string, int> seen, string dni, int row, string column)
    {
        if (!seen.TryAdd(dni, row))
        {
            problems.Add(row, column, l["Import.DniRepeated", dni, seen[dni]]);
        }
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
