using System.Globalization;
using Contests.Core.Accounts;
using Contests.Core.Auditing;
using Contests.Web.Demo;
using Contests.Core.Documents;
using Contests.Web.Features.Admin;
using Contests.Web.Features.Documents;
using Contests.Web.Features.Payouts;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Cli;

/// <summary>
/// Admin verbs of the same executable, sharing the app's configuration:
/// <c>dotnet run --project src/Contests.Web -- &lt;verb&gt; [options]</c>. Exit code 0 on success,
/// 1 when the work failed, 2 for a usage error.
/// </summary>
public static class CliRunner
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, Arguments, TextWriter, Task<int>> Run)> Verbs =
        new(StringComparer.Ordinal)
        {
            ["migrate"] = ("Apply pending schema scripts from db/ and exit.", MigrateAsync),
            ["create-admin"] = ("Create an administrator: --user NAME --name \"Full Name\"; password from CONTESTS_ADMIN_PASSWORD or standard input.", CreateAdminAsync),
            ["seed-demo"] = ("Migrate, then add the demo programme and its logins (demo installs only).", SeedDemoAsync),
            ["verify-audit"] = ("Check the audit chain and print its head (SEQ:HASH); [--anchor SEQ:HASH] also checks an anchor printed on a document. "
                + "Prints the first broken record, or the anchor that does not match, and exits 1.", VerifyAuditAsync),
            ["schema-script"] = ("Print the SQL that creates the current model: --provider sqlite|postgres (for writing the next db/ script).", SchemaScriptAsync),
            ["import"] = ("Import a CSV: --kind households|communities|organizations --file PATH [--user NAME] [--report PROBLEMS.csv]; writes nothing if any row is wrong.", ImportAsync),
            ["batches"] = ("List payout batches: id, state, execution time, payouts, total, attempts and last error.", BatchesAsync),
            ["run-batch"] = ("Execute a payout batch now: --id N (does nothing if it already ran; exit 1 if it fails, the error recorded on the batch).", RunBatchAsync),
            ["packs"] = ("List certificate packs: id, round, community, state, progress and error.", PacksAsync),
            ["pack"] = ("Generate a round's certificate pack now, with a progress bar: --round N --user NAME --date yyyy-mm-dd --place TEXT "
                + "--base-url URL [--community ID]; or go on with an existing one: --id N (a failed pack resumes from where it stopped).", PackAsync),
            ["help"] = ("List the verbs.", HelpAsync),
        };

    public static bool IsVerb(string[] args) => args is [var first, ..] && Verbs.ContainsKey(first);

    /// <summary>
    /// The host a verb runs in: the app's configuration (appsettings, environment, command line), read once. A verb
    /// runs for seconds and must start on a machine whose inotify instances are used up (a busy build or test server),
    /// so it does not watch the configuration files for changes — each watcher takes one instance.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] });
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        var (_, run) = Verbs[args[0]];
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs($"cli:{Environment.UserName}");
        try
        {
            return await run(scope.ServiceProvider, new Arguments(args[1..]), output);
        }
        catch (UsageException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var report = await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        await output.WriteLineAsync(report.Applied.Count == 0
            ? $"Schema up to date at V{report.CurrentVersion:000}."
            : $"Applied {string.Join(", ", report.Applied.Select(v => $"V{v:000}"))}; schema at V{report.CurrentVersion:000}.");
        return 0;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var userName = args.Required("--user");
        var displayName = args.Required("--name");
        var password = Environment.GetEnvironmentVariable("CONTESTS_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("Password (from standard input):");
            password = ReadSecret();
        }
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        var (result, user) = await sp.GetRequiredService<UserAdministration>()
            .CreateAsync(userName, displayName, [Role.Admin], password, oneTime: false, CancellationToken.None);
        if (!result.Succeeded)
        {
            var localizer = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync($"error: {ModelStateExtensions.Localize(error, localizer)}");
            }
            return 1;
        }
        await output.WriteLineAsync($"Administrator '{user!.UserName}' created (id {user.Id}).");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        await sp.GetRequiredService<DemoSeeder>().SeedAsync();
        DemoSeeder.PrintLogins(output);
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        AuditAnchor? anchor = null;
        if (args.Optional("--anchor") is { } printed && !AuditAnchor.TryParse(printed, out anchor))
        {
            throw new UsageException($"--anchor is SEQ:HASH as documents print it (at least {AuditAnchor.PrintedLength} hex digits), not '{printed}'.");
        }
        var result = sp.GetRequiredService<AuditVerifier>().Verify(anchor);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"Audit chain intact: {result.RecordsChecked} records verified.");
            await output.WriteLineAsync($"Head: {result.Head}");
            if (result.LegacyRecords > 0)
            {
                await output.WriteLineAsync($"The first {result.LegacyRecords} records were hashed without the actor's user id (scheme 1).");
            }
            if (anchor is not null)
            {
                await output.WriteLineAsync($"Anchor {anchor.Sequence}:{anchor.Hash} matches record {anchor.Sequence}.");
            }
            return 0;
        }
        await output.WriteLineAsync(result.Reason switch
        {
            AuditBreak.AnchorMismatch => $"Audit chain does NOT match the anchor {anchor!.Sequence}:{anchor.Hash}: record {result.BrokenAtSequence} "
                + "carries another hash, so the chain was rewritten at or before it (the links themselves are consistent).",
            AuditBreak.AnchorMissing => $"Audit chain does NOT reach the anchor {anchor!.Sequence}:{anchor.Hash}: it ends at record "
                + $"{result.RecordsChecked}, so records were removed and the rest rewritten.",
            _ => $"Audit chain BROKEN at record {result.BrokenAtSequence}: {result.Reason} ({result.RecordsChecked} records before it are intact).",
        });
        return 1;
    }

    private static async Task<int> SchemaScriptAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var provider = args.Optional("--provider") ?? "sqlite";
        var options = new DbContextOptionsBuilder<ContestsDbContext>();
        PersistenceSetup.UseProvider(options, provider switch
        {
            "sqlite" => new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" },
            "postgres" => new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost" },
            _ => throw new UsageException("--provider is sqlite or postgres."),
        });
        await using var db = new ContestsDbContext(options.Options);
        await output.WriteLineAsync(db.Database.GenerateCreateScript());
        return 0;
    }

    private static async Task<int> HelpAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        await output.WriteLineAsync("Usage: Contests.Web <verb> [options]   (no verb: run the web app)");
        foreach (var (name, (help, _)) in Verbs)
        {
            await output.WriteLineAsync($"  {name,-14} {help}");
        }
        return 0;
    }

    /// <summary>A line from standard input; typed at a terminal, it is not echoed.</summary>
    private static string ReadSecret()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine()?.Trim() ?? string.Empty;
        }
        var secret = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
        Console.WriteLine();
        return secret.ToString();
    }

    private static async Task<int> BatchesAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var db = sp.GetRequiredService<ContestsDbContext>();
        var batches = await db.PayoutBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync();
        await output.WriteLineAsync("id\tstate\texecute_at_utc\tpayouts\ttotal\tattempts\tlast_error");
        foreach (var b in batches)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{b.Id}\t{b.State}\t{b.ExecuteAtUtc:yyyy-MM-ddTHH:mm:ssZ}\t{b.PayoutCount}\t{b.Total:0.00}\t{b.Attempts}\t{b.LastError}"));
        }
        return 0;
    }

    /// <summary>Prints each stage as it is reached (executing, written, committed), so an operator sees where it stopped.</summary>
    private static async Task<int> RunBatchAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        if (!int.TryParse(args.Required("--id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new UsageException("--id is a batch number.");
        }
        if (!await sp.GetRequiredService<ContestsDbContext>().PayoutBatches.AnyAsync(b => b.Id == id))
        {
            await output.WriteLineAsync($"error: batch {id} does not exist.");
            return 1;
        }
        var stages = new InlineStages(output);
        try
        {
            var run = await sp.GetRequiredService<BatchRunner>().RunAsync(id, $"cli:{Environment.UserName}", stages, CancellationToken.None);
            await output.WriteLineAsync($"batch {id}: {run}");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"error: batch {id} failed: {e.Message} (recorded on the batch)");
            return 1;
        }
    }

    private static async Task<int> PacksAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var db = sp.GetRequiredService<ContestsDbContext>();
        var packs = await db.DocumentPacks.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        await output.WriteLineAsync("id\tround\tcommunity\tstate\tdone/total\terror");
        foreach (var p in packs)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{p.Id}\t{p.RoundId}\t{(p.CommunityId is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all")}\t{p.State}\t{p.Done}/{p.Total}\t{p.Error}"));
        }
        return 0;
    }

    private static async Task<int> PackAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        var db = sp.GetRequiredService<ContestsDbContext>();
        int packId;
        if (args.Optional("--id") is { } idText)
        {
            packId = int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException("--id is a pack number.");
            var pack = await db.DocumentPacks.SingleOrDefaultAsync(p => p.Id == packId) ?? throw new UsageException($"no such pack: {packId}");
            if (pack.State == PackState.Failed)
            {
                pack.Resume();
                await db.SaveChangesAsync();
            }
        }
        else
        {
            packId = await NewPackAsync(sp, db, args);
        }
        var bar = new ProgressBar(Console.Error);
        try
        {
            var run = await sp.GetRequiredService<PackBuilder>().RunAsync(packId,
                new InlineProgress<DocumentPack>(p => bar.Show(p.State.ToString().ToLowerInvariant(), p.Done, p.Total)), CancellationToken.None);
            bar.End();
            var done = await db.DocumentPacks.AsNoTracking().SingleAsync(p => p.Id == packId);
            await output.WriteLineAsync($"pack {packId}: {run}, {done.Done}/{done.Total} certificates");
            if (run == PackRun.Completed)
            {
                var store = sp.GetRequiredService<DocumentStore>();
                await output.WriteLineAsync($"pdf: {store.PackPathOf(packId, ".pdf")} (sha256 {done.PdfSha256})");
                await output.WriteLineAsync($"zip: {store.PackPathOf(packId, ".zip")} (sha256 {done.ZipSha256})");
            }
            return run == PackRun.NotDue && done.State != PackState.Completed ? 1 : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            bar.End();
            await output.WriteLineAsync($"error: pack {packId} failed: {e.Message} (recorded on the pack; run again with --id {packId} to resume)");
            return 1;
        }
    }

    private static async Task<int> NewPackAsync(IServiceProvider sp, ContestsDbContext db, Arguments args)
    {
        if (!int.TryParse(args.Required("--round"), NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
        {
            throw new UsageException("--round is a round number.");
        }
        int? communityId = args.Optional("--community") is { } c
            ? int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var cid) ? cid : throw new UsageException("--community is a community id.")
            : null;
        var userName = args.Required("--user");
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.Id }).SingleOrDefaultAsync()
            ?? throw new UsageException($"no such user: {userName}");
        sp.GetRequiredService<AuditActor>().ActAs(userName, user.Id);
        var round = await sp.GetRequiredService<Features.Rounds.RoundCatalog>().FindAsync(roundId, CancellationToken.None)
            ?? throw new UsageException($"no such round: {roundId}");
        var form = new CeremonyForm { CeremonyDate = args.Required("--date"), CeremonyPlace = args.Required("--place"), CommunityId = communityId };
        var desk = sp.GetRequiredService<DocumentDesk>();
        var (result, packId) = await desk.RequestPackAsync(round, form, args.Required("--base-url"), user.Id, CancellationToken.None, enqueue: false);
        if (!result.Succeeded)
        {
            var l = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            throw new UsageException(string.Join(" ", result.Errors.Select(e => ModelStateExtensions.Localize(e, l))));
        }
        return packId!.Value;
    }

    /// <summary>Reports on the caller's thread, at once (<see cref="Progress{T}"/> posts to the thread pool, out of order).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class InlineStages(TextWriter output) : IProgress<string>
    {
        public void Report(string value)
        {
            output.WriteLine("stage: " + value);
            output.Flush();
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider sp, Arguments args, TextWriter output)
    {
        if (!Enum.TryParse<ImportKind>(args.Required("--kind"), ignoreCase: true, out var kind) || !ImportKinds.IsRegistry(kind))
        {
            throw new UsageException("--kind is households, communities or organizations.");
        }
        var path = args.Required("--file");
        if (!File.Exists(path))
        {
            throw new UsageException($"no such file: {path}");
        }
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        int? userId = null;
        if (args.Optional("--user") is { } userName)
        {
            var db = sp.GetRequiredService<ContestsDbContext>();
            userId = await db.Users.Where(u => u.UserName == userName).Select(u => (int?)u.Id).SingleOrDefaultAsync()
                ?? throw new UsageException($"no such user: {userName}");
            sp.GetRequiredService<AuditActor>().ActAs(userName, userId);
        }
        await using var file = File.OpenRead(path);
        var bar = new ProgressBar(Console.Error);
        var result = await sp.GetRequiredService<RegistryImporter>()
            .ImportAsync(kind, file, Path.GetFileName(path), userId, new SyncProgress<ImportProgress>(bar.Show), CancellationToken.None);
        bar.End();
        if (result.Succeeded)
        {
            await output.WriteLineAsync($"Imported {result.Rows} {kind.ToString().ToLowerInvariant()} from {Path.GetFileName(path)} (import no. {result.ImportId}).");
            return 0;
        }
        await output.WriteLineAsync($"Nothing imported: {result.ProblemCount} problem(s) in {result.RowsWithProblems} row(s).");
        foreach (var problem in result.Problems.Take(50))
        {
            await output.WriteLineAsync($"  row {problem.Row}, {problem.Column}: {problem.Message}");
        }
        if (args.Optional("--report") is { } report)
        {
            await File.WriteAllTextAsync(report, result.ReportCsv());
            await output.WriteLineAsync($"All problems written to {report}.");
        }
        else if (result.Problems.Count > 50)
        {
            await output.WriteLineAsync($"  … and {result.Problems.Count - 50} more (use --report FILE to get them all).");
        }
        return 1;
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>"[########------------] 40% validating 40,000/100,000" rewritten in place on a terminal.</summary>
    private sealed class ProgressBar(TextWriter writer)
    {
        private const int Width = 30;
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public void Show(ImportProgress progress) => Show(progress.Phase.ToString().ToLowerInvariant(), progress.Done, progress.Total);

        public void Show(string stage, int done, int total)
        {
            var fraction = total == 0 ? 0 : (double)done / total;
            var filled = (int)(fraction * Width);
            writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0} {stage,-10} {done:N0}/{total:N0}  {_watch.Elapsed.TotalSeconds:0.0} s   "));
        }

        public void End() => writer.WriteLine();
    }

    private sealed class UsageException(string message) : Exception(message);

    private sealed class Arguments(string[] args)
    {
        public string? Optional(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        public string Required(string name) => Optional(name) ?? throw new UsageException($"{name} is required.");
    }
}
