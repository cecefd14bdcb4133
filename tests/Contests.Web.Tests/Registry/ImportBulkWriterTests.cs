using System.Data.Common;
using System.Globalization;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

/// <summary>
/// The bulk writer (COPY on PostgreSQL, a prepared insert on SQLite) bypasses EF, so nothing but a test
/// keeps its rows equal to what <see cref="Household.Register"/> and the EF mapping write. Compared
/// column by column as the database stores them (storage type and value), not as EF reads them back.
/// </summary>
public abstract class ImportBulkWriterTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly string[][] Rows =
    [
        HouseholdLine("01234567", firstNames: "José María", lastNames: "Ñaupa Huamán", sex: "M", birthYear: "1961", partnerFirstNames: "Rosa",
            partnerLastNames: "Quispe Mamani", partnerDni: "01234568", partnerSex: "F", members: "6", phone: "+51 983-456-123"),
        HouseholdLine("41234567", firstNames: "Teodora", lastNames: "Ccori Puma", sex: "Mujer", birthYear: "2000", members: "1"),
        HouseholdLine("41234569", firstNames: "Celia", lastNames: "Condori", sex: "f", birthYear: "1990", partnerFirstNames: "Marcos",
            partnerLastNames: "Choque", members: "2", phone: "083 321456"),
    ];

    [Fact]
    public async Task ImportedRows_EqualTheRowsTheDomainAndEfWrite_ColumnByColumn()
    {
        var communityId = await SeedTerritoryAsync(App);
        App.Clock.Advance(TimeSpan.FromTicks(1_234_567)); // a time with sub-second digits: both paths must store the same precision
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await ImportedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(Rows)));
        var imported = await ReadAsync();
        var importId = await QueryAsync(App, db => db.Imports.Select(i => i.Id).SingleAsync());
        await QueryAsync(App, async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM household_memberships");
            return await db.Database.ExecuteSqlRawAsync("DELETE FROM households");
        });
        using (var scope = App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            foreach (var row in Rows)
            {
                db.Households.Add(Household.Register(Parse(App, Input(row)), communityId, App.Clock.GetUtcNow().UtcDateTime, importId));
            }
            await db.SaveChangesAsync();
        }
        var registered = await ReadAsync();

        Assert.Equal(3, imported.Households.Count);
        Assert.Equal(3, imported.Memberships.Count);
        Assert.Equal(registered.Households.Keys.Order(), imported.Households.Keys.Order());
        foreach (var (dni, columns) in registered.Households)
        {
            Assert.Equal(columns, imported.Households[dni]);
            Assert.Equal(registered.Memberships[dni], imported.Memberships[dni]);
        }
        // The values themselves, once, so "equal" cannot mean "equally wrong".
        var first = imported.Households["01234567"];
        Assert.Equal(["José María", "Ñaupa Huamán", "Male", "Rosa", "Quispe Mamani", "01234568", "Female", "+51 983-456-123"],
            new[] { "head_first_names", "head_last_names", "head_sex", "partner_first_names", "partner_last_names", "partner_dni", "partner_sex", "phone" }
                .Select(c => first[c].Value));
        Assert.Equal(["1961", "6", importId.ToString(CultureInfo.InvariantCulture), communityId.ToString(CultureInfo.InvariantCulture)],
            new[] { "head_birth_year", "members", "import_id", "community_id" }.Select(c => first[c].Value));
        Assert.Equal([false, true, true],
            imported.Households.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Value["women_headed"].Value is "True" or "1"));
        Assert.Equal("NULL", imported.Households["41234569"]["partner_dni"].Value);
        Assert.Equal("NULL", imported.Households["41234569"]["partner_sex"].Value);
        Assert.Equal(imported.Households["01234567"]["registered_utc"], imported.Memberships["01234567"]["from_utc"]);
        Assert.Equal("NULL", imported.Memberships["01234567"]["to_utc"].Value);
    }

    [Fact]
    public async Task ImportsAndFormRegistrations_Interleaved_GetDistinctIds()
    {
        var communityId = await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await ImportedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(Rows[0], Rows[1])));
        var between = await RegisterHouseholdAsync(App, communityId, Input(HouseholdLine("45678901", firstNames: "Elvira", lastNames: "Puma")));
        await ImportedAsync(officer, ImportKind.Households, Utf8(HouseholdsCsv(Rows[2], HouseholdLine("45678902"))));
        var after = await RegisterHouseholdAsync(App, communityId, Input(HouseholdLine("45678903", firstNames: "Luz", lastNames: "Ccahua")));

        var (households, imports) = await QueryAsync(App, async db => (
            await db.Households.AsNoTracking().Include(h => h.Memberships).OrderBy(h => h.Id).ToListAsync(),
            await db.Imports.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync()));
        Assert.Equal(6, households.Select(h => h.Id).Distinct().Count());
        Assert.All(households, h => Assert.Equal(h.CommunityId, Assert.Single(h.Memberships).CommunityId));
        // Ids follow the order of writing: first import, the form, second import, the form.
        Assert.Equal([imports[0], imports[0], null, imports[1], imports[1], null], households.Select(h => h.ImportId));
        Assert.Equal((between.Id, after.Id), (households[2].Id, households[5].Id));
    }

    private static HouseholdInput Input(string[] row) => new()
    {
        HeadFirstNames = row[2], HeadLastNames = row[3], HeadDni = row[4], HeadSex = row[5], HeadBirthYear = row[6],
        PartnerFirstNames = row[7], PartnerLastNames = row[8], PartnerDni = row[9], PartnerSex = row[10], Members = row[11], Phone = row[12],
    };

    /// <summary>A column as stored: the provider's type of the value and the value in an invariant text form.</summary>
    public sealed record Stored(string Type, string Value);

    /// <summary>Every column of every household and of its memberships (keyed by head DNI), except generated ids.</summary>
    private async Task<(Dictionary<string, Dictionary<string, Stored>> Households, Dictionary<string, Dictionary<string, Stored>> Memberships)> ReadAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var households = await ReadTableAsync(connection, "SELECT * FROM households", "head_dni", ["id"]);
        var memberships = await ReadTableAsync(connection,
            "SELECT h.head_dni AS owner_dni, m.* FROM household_memberships m JOIN households h ON h.id = m.household_id", "owner_dni", ["id", "household_id"]);
        return (households, memberships);
    }

    private static async Task<Dictionary<string, Dictionary<string, Stored>>> ReadTableAsync(DbConnection connection, string sql, string key, string[] skip)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, Dictionary<string, Stored>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            var columns = new Dictionary<string, Stored>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!skip.Contains(reader.GetName(i)))
                {
                    columns[reader.GetName(i)] = Describe(reader.GetValue(i));
                }
            }
            rows.Add(reader.GetString(reader.GetOrdinal(key)), columns);
        }
        return rows;
    }

    private static Stored Describe(object value) => value switch
    {
        DBNull => new Stored("null", "NULL"),
        DateTime time => new Stored(nameof(DateTime) + ":" + time.Kind, time.ToString("O", CultureInfo.InvariantCulture)),
        _ => new Stored(value.GetType().Name, Convert.ToString(value, CultureInfo.InvariantCulture)!),
    };
}

public sealed class ImportBulkWriterTestsOnSqlite(SqliteApp app) : ImportBulkWriterTests<SqliteApp>(app);

public sealed class ImportBulkWriterTestsOnPostgres(PostgresApp app) : ImportBulkWriterTests<PostgresApp>(app);
