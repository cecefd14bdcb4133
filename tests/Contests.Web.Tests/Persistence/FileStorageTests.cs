using System.Net;
using System.Security.Cryptography;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Persistence;

/// <summary>
/// <c>Storage:Kind=Database</c>: files live in <c>stored_files</c>, not under <c>Storage:Path</c>, so an instance with
/// another folder reads what this one wrote (see <c>docs/decisions/010-files-every-instance-can-reach.md</c>).
/// </summary>
public abstract class FileStorageTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Key = "documents/ab/certificado.pdf";

    [Fact]
    public async Task Write_ThenRead_TheSameBytes_FromTheTable_NothingOnDisk()
    {
        var data = RandomNumberGenerator.GetBytes(3000);

        await WithStoreAsync((files, _) => files.WriteByKeyAsync(Key, data, CancellationToken.None));

        Assert.Equal(data, await WithStoreAsync((files, _) => files.ReadCheckedByKeyAsync(Key, Sha(data), CancellationToken.None)));
        var row = await WithStoreAsync((_, db) => db.StoredFiles.AsNoTracking().SingleAsync());
        Assert.Equal((Key, "application/pdf", 3000L, Sha(data)), (row.Key, row.ContentType, row.Size, row.Sha256));
        Assert.False(Directory.Exists(Path.Combine(App.FilesPath, "documents")));
    }

    [Fact]
    public async Task Overwrite_ReplacesTheBytes_OneRow_TheOldChecksumNoLongerReads()
    {
        var first = RandomNumberGenerator.GetBytes(100);
        var second = RandomNumberGenerator.GetBytes(200);

        await WithStoreAsync((files, _) => files.WriteByKeyAsync(Key, first, CancellationToken.None));
        await WithStoreAsync((files, _) => files.WriteByKeyAsync(Key, second, CancellationToken.None));

        Assert.Equal(second, await WithStoreAsync((files, _) => files.ReadCheckedByKeyAsync(Key, Sha(second), CancellationToken.None)));
        Assert.Null(await WithStoreAsync((files, _) => files.ReadCheckedByKeyAsync(Key, Sha(first), CancellationToken.None)));
        Assert.Equal((1, 200L), await WithStoreAsync(async (_, db) => (await db.StoredFiles.CountAsync(), await db.StoredFiles.Select(f => f.Size).SingleAsync())));
    }

    /// <summary>A pack stores its certificates from several threads at once through one request's store.</summary>
    [Fact]
    public async Task ParallelWrites_ThroughOneStore_AllStored()
    {
        var files = Enumerable.Range(0, 8).Select(i => ($"documents/0{i}/parallel-{i}.pdf", RandomNumberGenerator.GetBytes(500 + i))).ToList();

        await WithStoreAsync((store, _) => Task.WhenAll(files.Select(f => store.WriteByKeyAsync(f.Item1, f.Item2, CancellationToken.None))));

        Assert.Equal(8, await WithStoreAsync((_, db) => db.StoredFiles.CountAsync()));
        Assert.Equal(files.Select(f => Sha(f.Item2)).Order(), (await WithStoreAsync((_, db) => db.StoredFiles.Select(f => f.Sha256).ToListAsync())).Order());
    }

    [Fact]
    public async Task MissingKey_OrNoChecksum_ReadsNothing()
    {
        var data = RandomNumberGenerator.GetBytes(10);
        await WithStoreAsync((files, _) => files.WriteByKeyAsync(Key, data, CancellationToken.None));

        Assert.Null(await WithStoreAsync((files, _) => files.ReadCheckedByKeyAsync("documents/cd/otro.pdf", Sha(data), CancellationToken.None)));
        Assert.Null(await WithStoreAsync((files, _) => files.ReadCheckedByKeyAsync(Key, null, CancellationToken.None)));
        Assert.Null(await WithStoreAsync((files, _) => files.OpenCheckedAsync("packs/pack-000009.zip", Sha(data), CancellationToken.None)));
    }

    /// <summary>A file as big as the largest photo upload allowed (and more), read back whole by another instance with its own folder.</summary>
    [Fact]
    public async Task LargeFile_WrittenHere_ReadWholeByAnotherInstanceWithAnotherFolder()
    {
        var data = RandomNumberGenerator.GetBytes((int)Contests.Core.Rounds.ImageCheck.MaxBytes + 1024 * 1024);
        await WithStoreAsync((files, _) => files.WriteByKeyAsync("photos/ab/foto.jpg", data, CancellationToken.None));
        await using var other = new SecondInstance(App, ("Storage:Kind", "Database"), ("Storage:Path", App.FilesPath + "-other"));
        using var scope = other.Services.CreateScope();

        var read = await scope.ServiceProvider.GetRequiredService<FileStore>().ReadCheckedByKeyAsync("photos/ab/foto.jpg", Sha(data), CancellationToken.None);

        Assert.Equal(Sha(data), read is null ? null : Sha(read));
    }

    [Fact]
    public async Task Ready_ChecksTheDatabaseStore_AndLeavesNoProbeBehind()
    {
        using var client = App.NewClient();

        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.Equal(0, await WithStoreAsync((_, db) => db.StoredFiles.CountAsync()));
    }

    private async Task<T> WithStoreAsync<T>(Func<FileStore, ContestsDbContext, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<FileStore>(), scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    private async Task WithStoreAsync(Func<FileStore, ContestsDbContext, Task> action) =>
        await WithStoreAsync(async (files, db) => { await action(files, db); return true; });

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

/// <summary>The SQLite test app with <c>Storage:Kind=Database</c>.</summary>
public sealed class DatabaseFilesSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Kind", "Database");
    }
}

/// <summary>The PostgreSQL test app with <c>Storage:Kind=Database</c>.</summary>
public sealed class DatabaseFilesPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Kind", "Database");
    }
}

public sealed class FileStorageTestsOnSqlite(DatabaseFilesSqliteApp app) : FileStorageTests<DatabaseFilesSqliteApp>(app);

public sealed class FileStorageTestsOnPostgres(DatabaseFilesPostgresApp app) : FileStorageTests<DatabaseFilesPostgresApp>(app);
