using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// The demo programme, seeded once per test run and provider by an app of its own, kept as a database to copy and a
/// folder of files (its certificates, actas, contracts). A test that reads the demo starts from a copy
/// (<see cref="ContestsApp.ResetToDemoAsync"/>): seeding it took about ten seconds a test, and the demo grows with
/// every feature.
/// </summary>
public static class DemoTemplates
{
    private static readonly Lazy<Task<DemoTemplate>> Sqlite = new(() => CreateAsync(new SqliteApp()));
    private static readonly Lazy<Task<DemoTemplate>> Postgres = new(() => CreateAsync(new PostgresApp()));

    public static Task<DemoTemplate> ForAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? Postgres.Value : Sqlite.Value;

    private static async Task<DemoTemplate> CreateAsync(ContestsApp app)
    {
        await app.InitializeAsync();
        try
        {
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            }
            var files = Directory.CreateTempSubdirectory("contests-demo-files-").FullName;
            CopyFolder(app.FilesPath, files);
            var database = await app.SnapshotAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(files, recursive: true);
            return new DemoTemplate(database, files);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Copies every file under <paramref name="from"/> (if it exists) into <paramref name="to"/>, keeping their relative paths.</summary>
    public static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

/// <summary>A seeded demo: the database to copy (a SQLite file, or a PostgreSQL template database's name) and its files.</summary>
public sealed record DemoTemplate(string Database, string Files);
