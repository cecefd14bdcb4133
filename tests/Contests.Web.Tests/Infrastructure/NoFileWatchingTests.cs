using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>A newcomer's Linux allows 128 inotify instances: the suite's hosts must take none.</summary>
public sealed class NoFileWatchingTests(SqliteApp app) : AppTest<SqliteApp>(app)
{
    [Fact]
    public void TestHost_ReloadsNoConfigurationFileOnChange()
    {
        var configuration = (IConfigurationRoot)App.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        Assert.NotEmpty(files); // appsettings.json is read…
        Assert.All(files, source => Assert.False(source.ReloadOnChange, source.Path)); // …and never watched
    }

    [Fact]
    public async Task TestHosts_HoldNoInotifyInstance()
    {
        using var response = await App.NewClient().Http.GetAsync("/account/login");
        response.EnsureSuccessStatusCode();

        Assert.Equal(0, NoFileWatching.InotifyInstances());
    }
}
