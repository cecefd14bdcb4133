using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Contests.Web.Infrastructure;

internal static class Startup
{
    /// <summary>Brings the schema up to date and, in demo mode, fills an empty database and prints the logins.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync();
        }
        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedIfEmptyAsync();
            DemoSeeder.PrintLogins(Console.Out);
        }
    }
}
