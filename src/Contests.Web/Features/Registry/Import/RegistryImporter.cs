using System.Security.Cryptography;
using System.Text;
using Contests.Core.Common;
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

/// <summary>What an import did: the rows it read, every problem, and the import's number when it wrote.</summary>
public sealed record ImportResult(ImportKind Kind, string FileName, int Rows, IReadOnlyList<ImportProblem> Problems, int? ImportId)
{
    public bool Succeeded => ImportId is not null;

    /// <summary>The problems as a CSV the user can open next to the file (row, column, message), the first <paramref name="limit"/>.</summary>
    public string ReportCsv(int limit = int.MaxValue)
    {
        var csv = new StringBuilder("\uFEFFfila,columna,problema\r\n");
        foreach (var p in Problems.Take(limit))
        {
            csv.Append(p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
                .Append(ImportLayouts.Quote(p.Column)).Append(',').Append(ImportLayouts.Quote(p.Message)).Append("\r\n");
        }
        return csv.ToString();
    }
}

/// <summary>
/// Imports households, communities or organizations from a CSV file. The whole file is checked first
/// — every row, duplicates within the file and against the register — and if anything is wrong,
/// nothing is written and every problem is reported by row and column. A clean file is written in
/// one transaction together with an <see cref="ImportRecord"/> (who, when, file hash), which is what
/// the audit trail records for the rows.
/// </summary>
public sealed class RegistryImporter(ContestsDbContext db, DniOwners dniOwners, BulkHouseholdWriter householdWriter,
    IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>
    /// 20 MB ≈ 200,000 households. The whole file is checked in memory before anything is written (about
    /// 25 times the file's size at the peak, see the benchmarks); a bigger register goes in several files.
    /// </summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(ImportKind kind, Stream content, string fileName, int? userId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        progress?.Report(new ImportProgress(ImportPhase.Reading, 0, 0));
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var problems = new List<ImportProblem>();
        var records = ReadRecords(kind, bytes, problems, out var header);
        if (problems.Count > 0)
        {
            return new ImportResult(kind, fileName, records.Count, problems, null);
        }
        if (records.Count == 0)
        {
            problems.Add(new ImportProblem(2, string.Empty, l["Import.Empty"]));
            return new ImportResult(kind, fileName, 0, problems, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return kind switch
        {
            ImportKind.Households => await HouseholdsAsync(records, header, fileName, sha, userId, now, problems, progress, ct),
            ImportKind.Communities => await CommunitiesAsync(records, header, fileName, sha, userId, now, problems, progress, ct),
            _ => await OrganizationsAsync(records, header, fileName, sha, userId, now, problems, progress, ct),
        };
    }

    /// <summary>Decodes (UTF-8, or Windows Latin-1 as old Excel saves it), reads the header, checks the columns.</summary>
    private List<CsvRecord> ReadRecords(ImportKind kind, ArraySegment<byte> bytes, List<ImportProblem> problems, out Dictionary<string, int> columnsFound)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        columnsFound = header;
        var width = 0;
        var text = CsvReader.Decode(bytes);
        var reader = new CsvReader(new StringReader(text));
        var records = new List<CsvRecord>();
        var columns = ImportLayouts.For(kind);
        var first = true;
        foreach (var record in reader.Read())
        {
            if (first)
            {
                first = false;
                width = record.Fields.Length;
                for (var i = 0; i < record.Fields.Length; i++)
                {
                    var key = ImportLayouts.HeaderKey(record.Fields[i]);
                    var column = columns.FirstOrDefault(c => c.Header == key);
                    if (column is null)
                    {
                        if (key.Length > 0)
                        {
                            problems.Add(new ImportProblem(1, record.Fields[i], l["Import.UnknownColumn", record.Fields[i], string.Join(", ", columns.Select(c => c.Header))]));
                        }
                        continue;
                    }
                    if (!header.TryAdd(column.Field, i))
                    {
                        problems.Add(new ImportProblem(1, column.Header, l["Import.RepeatedColumn", column.Header]));
                    }
                }
                foreach (var missing in columns.Where(c => c.Required && !header.ContainsKey(c.Field)))
                {
                    problems.Add(new ImportProblem(1, missing.Header, l["Import.MissingColumn", missing.Header]));
                }
                continue;
            }
            if (record.Fields.Length > width && record.Fields.Skip(width).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                problems.Add(new ImportProblem(record.Row, string.Empty, l["Import.ExtraFields", record.Fields.Length, width]));
            }
            if (ImportCells.Read(record, i => header.FirstOrDefault(h => h.Value == i).Key is { } f ? ImportLayouts.HeaderOf(kind, f) : $"{i + 1}", problems, l) is { } cells)
            {
                records.Add(cells);
            }
        }
        if (first)
        {
            problems.Add(new ImportProblem(1, string.Empty, l["Import.NoHeader", string.Join(", ", columns.Select(c => c.Header))]));
        }
        return records;
    }

    private static string? Field(CsvRecord record, Dictionary<string, int> header, string field) =>
        header.TryGetValue(field, out var index) && index < record.Fields.Length ? record.Fields[index] : null;

    private void AddErrors(List<ImportProblem> problems, int row, ImportKind kind, IEnumerable<DomainError> errors)
    {
        foreach (var error in errors)
        {
            var column = ImportLayouts.HeaderOf(kind, error.Field ?? string.Empty);
            problems.Add(new ImportProblem(row, column, ModelStateExtensions.Localize(error, l, f => ImportLayouts.HeaderOf(kind, f))));
        }
    }

    private async Task<ImportResult> HouseholdsAsync(List<CsvRecord> records, Dictionary<string, int> header, string fileName, string sha,
        int? userId, DateTime now, List<ImportProblem> problems, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        const ImportKind kind = ImportKind.Households;
        var communities = await db.Communities.AsNoTracking().Select(c => new { c.Id, c.DistrictUbigeo, c.NameKey }).ToListAsync(ct);
        var communityIds = communities.ToDictionary(c => (c.DistrictUbigeo, c.NameKey), c => c.Id);
        var year = LimaTime.FromUtc(now).Year;
        var rows = new List<(int Row, HouseholdRow Household)>(records.Count);
        var dniRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<DomainError>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            errors.Clear();
            var details = HouseholdDetails.Parse(new HouseholdInput
            {
                HeadFirstNames = Field(record, header, "HeadFirstNames"), HeadLastNames = Field(record, header, "HeadLastNames"),
                HeadDni = Field(record, header, "HeadDni"), HeadSex = Field(record, header, "HeadSex"), HeadBirthYear = Field(record, header, "HeadBirthYear"),
                PartnerFirstNames = Field(record, header, "PartnerFirstNames"), PartnerLastNames = Field(record, header, "PartnerLastNames"),
                PartnerDni = Field(record, header, "PartnerDni"), PartnerSex = Field(record, header, "PartnerSex"),
                Members = Field(record, header, "Members"), Phone = Field(record, header, "Phone"),
            }, year, errors);
            AddErrors(problems, record.Row, kind, errors);

            var communityName = Text.Clean(Field(record, header, "Community"));
            var ubigeo = Ubigeo.TryParse(Field(record, header, "Ubigeo"), "Ubigeo", out var ubigeoError);
            int communityId = 0;
            if (ubigeoError is not null)
            {
                AddErrors(problems, record.Row, kind, [ubigeoError]);
            }
            if (communityName is null)
            {
                problems.Add(new ImportProblem(record.Row, "comunidad", l["Validation.Required", "comunidad"]));
            }
            else if (ubigeo is not null && !communityIds.TryGetValue((ubigeo.Value, Text.Key(communityName)), out communityId))
            {
                problems.Add(new ImportProblem(record.Row, "comunidad", l["Import.UnknownCommunity", communityName, ubigeo.Value]));
            }

            if (details is not null)
            {
                CheckRepeated(problems, dniRows, details.Head.Dni!.Value, record.Row, "dni");
                if (details.Partner?.Dni is { } partnerDni)
                {
                    CheckRepeated(problems, dniRows, partnerDni.Value, record.Row, "conyuge_dni");
                }
                if (communityId != 0)
                {
                    rows.Add((record.Row, new HouseholdRow(details, communityId)));
                }
            }
            if (i % 5_000 == 4_999)
            {
                progress?.Report(new ImportProgress(ImportPhase.Validating, i + 1, records.Count));
            }
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));

        // Against the register: one query for every DNI of the file.
        var owners = await dniOwners.FindAsync(dniRows.Keys, null, ct);
        foreach (var (row, household) in rows)
        {
            foreach (var (dni, column) in new[] { (household.Details.Head.Dni!.Value, "dni"), (household.Details.Partner?.Dni?.Value, "conyuge_dni") })
            {
                if (dni is not null && owners.TryGetValue(dni, out var owner))
                {
                    problems.Add(new ImportProblem(row, column, l[owner.IsHead ? "Dni.TakenByHead" : "Dni.TakenByPartner", dni, owner.FullName, owner.HouseholdId, owner.Community]));
                }
            }
        }
        if (problems.Count > 0)
        {
            return new ImportResult(kind, fileName, records.Count, Sorted(problems), null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, sha, rows.Count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        // Reported on this thread (Progress<T> would post to the pool and could arrive after "done").
        var writing = progress is null ? null : new InlineProgress<int>(done => progress.Report(new ImportProgress(ImportPhase.Writing, done, rows.Count)));
        await householdWriter.WriteAsync([.. rows.Select(r => r.Household)], import.Id, now, writing, ct);
        await transaction.CommitAsync(ct);
        progress?.Report(new ImportProgress(ImportPhase.Done, rows.Count, rows.Count));
        return new ImportResult(kind, fileName, records.Count, [], import.Id);
    }

    private async Task<ImportResult> CommunitiesAsync(List<CsvRecord> records, Dictionary<string, int> header, string fileName, string sha,
        int? userId, DateTime now, List<ImportProblem> problems, IProgress<ImportProgress>? progress, CancellationToken ct)
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
                    problems.Add(new ImportProblem(record.Row, "microcuenca", l["Import.UnknownWatershed", watershedName]));
                }
            }
            if (details is null)
            {
                continue;
            }
            var key = (details.District.Value, Text.Key(details.Name));
            if (!districts.Contains(details.District.Value))
            {
                problems.Add(new ImportProblem(record.Row, "ubigeo", l["Registry.UnknownDistrict", details.District.Value]));
            }
            else if (existingKeys.TryGetValue(key, out var other))
            {
                problems.Add(new ImportProblem(record.Row, "nombre", l["Community.Duplicate", other.Name, other.Id]));
            }
            else if (!seen.TryAdd(key, record.Row))
            {
                problems.Add(new ImportProblem(record.Row, "nombre", l["Import.RepeatedInFile", details.Name, seen[key]]));
            }
            else
            {
                created.Add((details, watershed));
            }
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));
        if (problems.Count > 0)
        {
            return new ImportResult(kind, fileName, records.Count, Sorted(problems), null);
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

    private async Task<ImportResult> OrganizationsAsync(List<CsvRecord> records, Dictionary<string, int> header, string fileName, string sha,
        int? userId, DateTime now, List<ImportProblem> problems, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        const ImportKind kind = ImportKind.Organizations;
        var districts = (await db.Districts.AsNoTracking().Select(d => d.Ubigeo).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name, o.NameKey, o.DistrictUbigeo, o.Ruc }).ToListAsync(ct);
        var byName = existing.ToDictionary(o => (o.DistrictUbigeo, o.NameKey));
        var byRuc = existing.Where(o => o.Ruc != null).ToDictionary(o => o.Ruc!, StringComparer.Ordinal);
        var parsed = new List<(int Row, OrganizationDetails Details, List<string> Members)>();
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
            var key = (details.District.Value, Text.Key(details.Name));
            if (!districts.Contains(details.District.Value))
            {
                problems.Add(new ImportProblem(record.Row, "ubigeo", l["Registry.UnknownDistrict", details.District.Value]));
            }
            if (byName.TryGetValue(key, out var sameName))
            {
                problems.Add(new ImportProblem(record.Row, "nombre", l["Organization.Duplicate", sameName.Name, sameName.Id]));
            }
            else if (!seenNames.TryAdd(key, record.Row))
            {
                problems.Add(new ImportProblem(record.Row, "nombre", l["Import.RepeatedInFile", details.Name, seenNames[key]]));
            }
            if (details.Ruc is { } ruc)
            {
                if (byRuc.TryGetValue(ruc.Value, out var holder))
                {
                    problems.Add(new ImportProblem(record.Row, "ruc", l["Organization.RucTaken", ruc.Value, holder.Name, holder.Id]));
                }
                else if (!seenRucs.TryAdd(ruc.Value, record.Row))
                {
                    problems.Add(new ImportProblem(record.Row, "ruc", l["Import.RepeatedInFile", ruc.Value, seenRucs[ruc.Value]]));
                }
            }
            parsed.Add((record.Row, details, members));
        }
        var memberDnis = parsed.SelectMany(p => p.Members).Distinct(StringComparer.Ordinal).ToArray();
        var households = await db.Households.AsNoTracking().Where(h => EF.Parameter(memberDnis).Contains(h.HeadDni))
            .Select(h => new { h.Id, h.HeadDni }).ToDictionaryAsync(h => h.HeadDni, h => h.Id, StringComparer.Ordinal, ct);
        foreach (var (row, _, members) in parsed)
        {
            foreach (var dni in members.Where(m => !households.ContainsKey(m)))
            {
                problems.Add(new ImportProblem(row, "dni_socios", l["Organization.UnknownMemberDni", dni]));
            }
        }
        progress?.Report(new ImportProgress(ImportPhase.Validating, records.Count, records.Count));
        if (problems.Count > 0)
        {
            return new ImportResult(kind, fileName, records.Count, Sorted(problems), null);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = new ImportRecord(kind, fileName, sha, parsed.Count, userId, now);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var (_, details, members) in parsed)
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

    private void CheckRepeated(List<ImportProblem> problems, Dictionary<string, int> seen, string dni, int row, string column)
    {
        if (!seen.TryAdd(dni, row))
        {
            problems.Add(new ImportProblem(row, column, l["Import.DniRepeated", dni, seen[dni]]));
        }
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static List<ImportProblem> Sorted(List<ImportProblem> problems) =>
        [.. problems.OrderBy(p => p.Row).ThenBy(p => p.Column, StringComparer.Ordinal)];
}
