using System.Net;
using System.Security.Cryptography;
using System.Text;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

/// <summary>The households import through the page: all or nothing, every problem by row and column.</summary>
public abstract class ImportHouseholdsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string DniSevenDigits =
        "El DNI tiene 8 dígitos y aquí hay 7. Si empieza con 0, escriba también ese 0 (las hojas de cálculo suelen quitarlo).";

    [Fact]
    public async Task TenThousandRows_OneBad_WritesNothingAndReportsThatRow_FixedFile_ImportsAll()
    {
        var communityId = await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var rows = Enumerable.Range(0, 10_000).Select(GeneratedHousehold).ToArray();
        var fixedDni = rows[7_776][4];
        rows[7_776][4] = "1234567"; // the 7,777th data row: spreadsheet row 7,778, under the header in row 1
        var before = await CountsAsync(App);

        var (html, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(rows)), "familias.csv");

        Assert.Equal([new ShownProblem(7_778, "dni", DniSevenDigits)], problems);
        Assert.Contains("No se importó nada: 1 de 10,000 filas de «familias.csv» tienen problemas.", PageText(html));
        Assert.Equal(before, await CountsAsync(App));
        Assert.Equal((0, 0, 0, 0), (before.Households, before.Memberships, before.Imports, before.ImportAudits));

        rows[7_776][4] = fixedDni;
        var file = Utf8(HouseholdsCsv(rows));
        html = await ImportedAsync(officer, ImportKind.Households, file, "familias.csv");

        var import = await QueryAsync(App, db => db.Imports.SingleAsync());
        Assert.Contains($"Se importaron 10,000 registros de familias (importación N.º {import.Id}).", PageText(html));
        Assert.Equal(ImportKind.Households, import.Kind);
        Assert.Equal("familias.csv", import.FileName);
        Assert.Equal(10_000, import.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), import.Sha256);
        Assert.Equal(await UserIdAsync(App, TestUsers.Officer), import.UserId);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, import.ImportedUtc);
        var (households, memberships) = await QueryAsync(App, async db => (
            await db.Households.AsNoTracking().Select(h => new { h.Id, h.CommunityId, h.RegisteredUtc, h.ImportId }).ToDictionaryAsync(h => h.Id),
            await db.HouseholdMemberships.AsNoTracking().ToListAsync()));
        Assert.Equal(10_000, households.Count);
        Assert.All(households.Values, h => Assert.Equal((communityId, import.Id), (h.CommunityId, h.ImportId)));
        // Each household's one membership: in its community, from its registration, still open.
        Assert.Equal(10_000, memberships.Count);
        Assert.Equal(households.Keys.Order(), memberships.Select(m => m.HouseholdId).Order());
        Assert.All(memberships, m => Assert.Equal((households[m.HouseholdId].CommunityId, households[m.HouseholdId].RegisteredUtc, (DateTime?)null),
            (m.CommunityId, m.FromUtc, m.ToUtc)));
        var audit = await QueryAsync(App, db => db.AuditRecords.SingleAsync(a => a.EntityType == nameof(ImportRecord)));
        Assert.Equal(import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Equal(await UserIdAsync(App, TestUsers.Officer), audit.ActorUserId);

        // The row that was refused is now there, as typed once fixed.
        var repaired = await QueryAsync(App, db => db.Households.AsNoTracking().SingleAsync(h => h.HeadDni == fixedDni));
        var row = rows[7_776];
        var expected = Parse(App, new HouseholdInput
        {
            HeadFirstNames = row[2], HeadLastNames = row[3], HeadDni = fixedDni, HeadSex = row[5], HeadBirthYear = row[6],
            PartnerFirstNames = row[7], PartnerLastNames = row[8], PartnerDni = row[9], PartnerSex = row[10], Members = row[11], Phone = row[12],
        });
        Assert.Equal(
            (expected.Head.FullName, expected.Head.Sex, expected.Head.BirthYear, expected.Partner?.FullName, expected.Partner?.Dni?.Value, expected.Members, expected.Phone),
            (repaired.HeadFullName, (Sex?)repaired.HeadSex, (int?)repaired.HeadBirthYear, $"{repaired.PartnerFirstNames} {repaired.PartnerLastNames}",
                repaired.PartnerDni, repaired.Members, repaired.Phone));
        Assert.NotNull(repaired.PartnerDni); // the chosen row has a partner: their columns went through too
    }

    [Fact]
    public async Task DniRepeatedInTheFile_IsRefused_NamingTheRowThatHasItFirst()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(
            HouseholdLine("41234567"),
            HouseholdLine("41234568", partnerFirstNames: "Pedro", partnerLastNames: "Huamán", partnerDni: "41234567", members: "2"),
            HouseholdLine("41234567", firstNames: "Celia"))));

        Assert.Equal(
        [
            new ShownProblem(3, "conyuge_dni", "El DNI 41234567 ya aparece en la fila 2 de este archivo."),
            new ShownProblem(4, "dni", "El DNI 41234567 ya aparece en la fila 2 de este archivo."),
        ], problems);
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [Fact]
    public async Task DniOfARegisteredHead_IsRefused_PointingToTheirHousehold()
    {
        var communityId = await SeedTerritoryAsync(App);
        var registered = await RegisterHouseholdAsync(App, communityId, new HouseholdInput
        {
            HeadFirstNames = "Rosa", HeadLastNames = "Ccori Puma", HeadDni = "41234567", HeadSex = "F", HeadBirthYear = "1975", Members = "4",
        });
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(
            HouseholdLine("41234567"),
            HouseholdLine("45678901", partnerFirstNames: "Rosa", partnerLastNames: "Ccori Puma", partnerDni: "41234567", members: "2"))));

        var message = $"El DNI 41234567 ya está registrado: es de Rosa Ccori Puma, jefe(a) de la familia N.º {registered.Id} (Huayllabamba).";
        Assert.Equal(
        [
            new ShownProblem(2, "dni", message),
            new ShownProblem(3, "conyuge_dni", "El DNI 41234567 ya aparece en la fila 2 de este archivo."), // and it is in the file twice
            new ShownProblem(3, "conyuge_dni", message),
        ], problems);
        var counts = await CountsAsync(App);
        Assert.Equal((1, 0), (counts.Households, counts.Imports));
    }

    [Fact]
    public async Task DniOfARegisteredPartner_IsRefused_PointingToTheirHousehold()
    {
        var communityId = await SeedTerritoryAsync(App);
        var registered = await RegisterHouseholdAsync(App, communityId, new HouseholdInput
        {
            HeadFirstNames = "Rosa", HeadLastNames = "Ccori Puma", HeadDni = "41234567", HeadSex = "F", HeadBirthYear = "1975",
            PartnerFirstNames = "Pedro", PartnerLastNames = "Huamán Ccori", PartnerDni = "42345678", PartnerSex = "M", Members = "4",
        });
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(
            HouseholdLine("42345678", firstNames: "Pedro", lastNames: "Huamán Ccori", sex: "M"))));

        Assert.Equal(
            [new ShownProblem(2, "dni", $"El DNI 42345678 ya está registrado: es de Pedro Huamán Ccori, cónyuge en la familia N.º {registered.Id} (Huayllabamba).")],
            problems);
        Assert.Equal(0, (await CountsAsync(App)).Imports);
    }

    [Fact]
    public async Task MissingRequiredColumn_IsReportedOnTheHeaderRow()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var header = string.Join(",", ImportLayouts.Households.Where(c => c.Header != "dni").Select(c => c.Header));
        var row = HouseholdLine("41234567").Where((_, i) => i != 4).ToArray();

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(Csv(header, [row])));

        Assert.Equal([new ShownProblem(1, "dni", "Falta la columna «dni».")], problems);
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [Fact]
    public async Task UnknownColumn_IsReportedWithTheColumnsThatExist()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households,
            Utf8(Csv(HouseholdsHeader + ",correo", [[.. HouseholdLine("41234567"), "juana@example.org"]])));

        Assert.Equal(
            [new ShownProblem(1, "correo", $"La columna «correo» no es de esta importación. Las columnas son: {HouseholdsHeader.Replace(",", ", ", StringComparison.Ordinal)}.")],
            problems);
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [Fact]
    public async Task HeaderOnly_SaysTheFileHasNoRows()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsHeader + "\r\n"));

        Assert.Equal([new ShownProblem(2, "", "El archivo no tiene filas de datos debajo del encabezado.")], problems);
        Assert.Equal(0, (await CountsAsync(App)).Imports);
    }

    [Fact]
    public async Task FileOverTheLimit_IsRefusedWithTheLimitInTheMessage_AndNothingWritten()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var big = new byte[RegistryImporter.MaxFileBytes + 10];
        Utf8(HouseholdsCsv(HouseholdLine("41234567"))).CopyTo(big, 0);

        var response = await UploadAsync(officer, ImportKind.Households, big);

        Assert.Contains("El archivo pasa de 20 MB; divídalo en partes.", PageText(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [Fact]
    public async Task NoFile_AsksForOne()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await UploadAsync(officer, ImportKind.Households, [], "vacio.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Elija un archivo CSV.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SemicolonSeparated_WithBomAndCrlf_AsExcelSavesIt_Imports()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = Csv(HouseholdsHeader.Replace(',', ';'),
        [
            HouseholdLine("01234567", firstNames: "José María", lastNames: "Ñaupa Huamán", sex: "M", partnerFirstNames: "Rosa",
                partnerLastNames: "Quispe", partnerDni: "01234568", partnerSex: "F", members: "4", phone: "983 456-123"),
            HouseholdLine("01234569", firstNames: "Teodora", lastNames: "Ccori", members: "1"),
        ], delimiter: ';');
        Assert.Contains("\r\n", csv, StringComparison.Ordinal);

        await ImportedAsync(officer, ImportKind.Households, [.. Encoding.UTF8.GetPreamble(), .. Utf8(csv)]);

        var households = await QueryAsync(App, db => db.Households.AsNoTracking().OrderBy(h => h.HeadDni).ToListAsync());
        Assert.Equal(
            [("01234567", "José María Ñaupa Huamán", "Rosa Quispe", "983 456-123", 4), ("01234569", "Teodora Ccori", " ", (string?)null, 1)],
            households.Select(h => (h.HeadDni, h.HeadFullName, $"{h.PartnerFirstNames} {h.PartnerLastNames}", h.Phone, h.Members)));
    }

    [Fact]
    public async Task Latin1File_AsOldExcelSavesIt_KeepsTheAccents()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = HouseholdsCsv(HouseholdLine("41234567", firstNames: "Ángela Úrsula", lastNames: "Ñaupari Huamán", partnerFirstNames: "José Ítalo",
            partnerLastNames: "Pérez Ccorí", partnerDni: "41234568", partnerSex: "M", members: "2"));
        var bytes = Encoding.Latin1.GetBytes(csv);
        Assert.NotEqual(Utf8(csv).Length, bytes.Length); // really single-byte accents, not UTF-8

        await ImportedAsync(officer, ImportKind.Households, bytes);

        var household = await QueryAsync(App, db => db.Households.AsNoTracking().SingleAsync());
        Assert.Equal(("Ángela Úrsula", "Ñaupari Huamán", "José Ítalo", "Pérez Ccorí"),
            (household.HeadFirstNames, household.HeadLastNames, household.PartnerFirstNames, household.PartnerLastNames));
    }

    [Fact]
    public async Task Windows1252File_KeepsCurlyApostrophesAndDashes_NotControlCharacters()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = HouseholdsCsv(HouseholdLine("41234567", lastNames: "Q’ero Huamán"));
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(csv);
        Assert.Contains((byte)0x92, bytes);

        await ImportedAsync(officer, ImportKind.Households, bytes);

        Assert.Equal("Q’ero Huamán", (await QueryAsync(App, db => db.Households.AsNoTracking().SingleAsync())).HeadLastNames);
    }

    [Fact]
    public async Task RowNumbers_AreTheSpreadsheetsRows_EvenAfterACellWithALineBreak()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = HouseholdsHeader + "\r\n"
            + "Huayllabamba,030101,\"Rosa\r\nMaría\",Quispe,41234567,F,1980,,,,,3,\r\n"
            + "Huayllabamba,030101,Celia,Quispe,4123456,F,1980,,,,,3,\r\n";

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(csv));

        Assert.Equal(3, Assert.Single(problems).Row);
    }

    [Fact]
    public async Task EmptyRows_OfOnlyDelimiters_AsSpreadsheetsSaveThem_AreSkipped()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = HouseholdsCsv(HouseholdLine("41234567")) + ",,,,,,,,,,,,\r\n, ,\r\n\r\n";

        await ImportedAsync(officer, ImportKind.Households, Utf8(csv));

        Assert.Equal(1, (await CountsAsync(App)).Households);
    }

    [Fact]
    public async Task UbigeoThatLostItsLeadingZero_IsReportedInTheUbigeoColumn()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(HouseholdLine("41234567", ubigeo: "30101"))));

        var problem = Assert.Single(problems);
        Assert.Equal(("ubigeo", 2), (problem.Column, problem.Row));
        Assert.StartsWith("El UBIGEO tiene 6 dígitos y aquí hay 5. Si empieza con 0", problem.Message);
    }

    [Fact]
    public async Task QuotedFields_WithCommasAndDoubledQuotes_AreReadAsOneValue()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // Written by hand, not with the kit's quoting: this is the text a spreadsheet saves.
        var csv = HouseholdsHeader + "\r\n"
            + "Huayllabamba,030101,\"Rosa \"\"Rosita\"\"\",\"Quispe, Mamani\",41234567,F,1980,,,,,\"3\",\"983,456,123\"\r\n";

        var html = await UploadAsync(officer, ImportKind.Households, Utf8(csv));
        var page = await html.Content.ReadAsStringAsync();

        // Each quoted value is one field (else the row would have extra values and every column after it would be off):
        // the quotes and the comma are refused by the names' rule on their own columns, the commas by the phone's.
        Assert.Equal([(2, "apellidos"), (2, "nombres"), (2, "telefono")], Problems(page).Select(p => (p.Row, p.Column)));
        Assert.Contains("Escriba un teléfono de 6 a 15 dígitos (puede llevar espacios, guiones o +).", Problems(page).Select(p => p.Message));

        var valid = csv.Replace("\"Rosa \"\"Rosita\"\"\"", "\"Rosa Rosita\"", StringComparison.Ordinal)
            .Replace("\"Quispe, Mamani\"", "\"Quispe Mamani\"", StringComparison.Ordinal)
            .Replace("\"983,456,123\"", "\"983 456 123\"", StringComparison.Ordinal);
        await ImportedAsync(officer, ImportKind.Households, Utf8(valid));
        var household = await QueryAsync(App, db => db.Households.AsNoTracking().SingleAsync());
        Assert.Equal(("Rosa Rosita", "Quispe Mamani", 3, "983 456 123"),
            (household.HeadFirstNames, household.HeadLastNames, household.Members, household.Phone));
    }

    [Fact]
    public async Task Template_HasTheLayoutsHeader_AndItsExampleRowImports()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync("/registry/import/template/Households");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("plantilla-familias.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // so Excel reads the accents
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(HouseholdsHeader, lines[0]);
        Assert.Equal(3, lines.Length); // one example row, then the final line break
        Assert.Equal("", lines[2]);

        await ImportedAsync(officer, ImportKind.Households, bytes, "plantilla-familias.csv");

        var (import, household) = await QueryAsync(App, async db => (await db.Imports.SingleAsync(), await db.Households.AsNoTracking().SingleAsync()));
        Assert.Equal(1, import.Rows);
        Assert.Equal(("01234567", "Juana Rosa Quispe Mamani", "45678912", import.Id), (household.HeadDni, household.HeadFullName, household.PartnerDni, household.ImportId));
    }

    [Theory]
    [InlineData(ImportKind.Communities, "plantilla-comunidades.csv")]
    [InlineData(ImportKind.Organizations, "plantilla-organizaciones.csv")]
    public async Task Template_OfTheOtherKinds_HasTheirLayoutsHeader(ImportKind kind, string fileName)
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync($"/registry/import/template/{kind}");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Equal(string.Join(",", ImportLayouts.For(kind).Select(c => c.Header)), text.Split("\r\n")[0]);
    }

    [Theory]
    [InlineData(TestUsers.Auditor)]
    [InlineData(TestUsers.Lrac)]
    [InlineData(TestUsers.Finance)]
    public async Task RolesThatDoNotManageTheRegistry_CannotOpenNorPost_AndNothingIsWritten(string user)
    {
        await SeedTerritoryAsync(App);
        using var client = await App.SignedInClientAsync(user);
        var before = await CountsAsync(App);

        foreach (var url in new[] { "/registry/import", "/registry/import/template/Households" })
        {
            var get = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Equal("/account/denied", get.Headers.Location!.AbsolutePath);
        }
        // A forged post with a valid token of the user (from a page they may open): refused all the same.
        var token = AppClient.Token(await client.GetPageAsync("/account/password"));
        var post = await PostAsync(client, token, ImportKind.Households, Utf8(HouseholdsCsv(HouseholdLine("41234567"))), "familias.csv");

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/denied", post.Headers.Location!.AbsolutePath);
        Assert.Equal(before, await CountsAsync(App));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var client = App.NewClient();

        var response = await client.GetAsync("/registry/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    /// <summary>
    /// "Audit records for every change": the imported rows are written in bulk (COPY / prepared insert),
    /// not through EF, so they have no audit record each; each carries import_id, which points to the
    /// one <see cref="ImportRecord"/> — who, when, which file (SHA-256), how many rows — and that record
    /// is audited like any entity. Trace an imported household: households.import_id → imports → its audit record.
    /// </summary>
    [Fact]
    public async Task SuccessfulImport_LeavesExactlyOneAuditRecord_ForTheImportRecord_ByTheUser()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var before = await CountsAsync(App);

        await ImportedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(
            HouseholdLine("41234567"), HouseholdLine("41234568", partnerFirstNames: "Pedro", partnerLastNames: "Huamán", members: "2"))), "familias.csv");

        var after = await CountsAsync(App);
        Assert.Equal(before.Audits + 1, after.Audits);
        var (import, audit, traced) = await QueryAsync(App, async db => (
            await db.Imports.SingleAsync(),
            await db.AuditRecords.OrderByDescending(a => a.Sequence).FirstAsync(),
            await db.Households.CountAsync(h => h.ImportId != null)));
        Assert.Equal(nameof(ImportRecord), audit.EntityType);
        Assert.Equal("Added", audit.Action);
        Assert.Equal(import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Equal(await UserIdAsync(App, TestUsers.Officer), audit.ActorUserId);
        Assert.Equal(TestUsers.Officer, audit.Actor);
        Assert.Contains(import.Sha256, audit.After, StringComparison.Ordinal);
        Assert.Equal(2, traced);
        using var scope = App.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify().IsIntact);
    }
}

public sealed class ImportHouseholdsTestsOnSqlite(SqliteApp app) : ImportHouseholdsTests<SqliteApp>(app);

public sealed class ImportHouseholdsTestsOnPostgres(PostgresApp app) : ImportHouseholdsTests<PostgresApp>(app);
