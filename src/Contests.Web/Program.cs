using Contests.Web.Cli;
using Contests.Web.Infrastructure;

// One executable: the web app, or an admin verb (migrate, create-admin, seed-demo, verify-audit …).
// A verb's host watches no configuration file (each watcher takes one of the machine's few inotify instances).
var builder = CliRunner.IsVerb(args) ? CliRunner.CreateBuilder(args) : WebApplication.CreateBuilder(args);
builder.AddContests();

if (CliRunner.IsVerb(args))
{
    await using var cliApp = builder.Build();
    return await CliRunner.RunAsync(cliApp.Services, args);
}

var app = builder.Build();
await Startup.PrepareDatabaseAsync(app);
app.UseContests();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
