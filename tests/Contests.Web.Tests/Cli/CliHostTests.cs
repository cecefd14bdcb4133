using Contests.Web.Cli;
using Microsoft.Extensions.Configuration;

namespace Contests.Web.Tests.Cli;

/// <summary>
/// The verbs' host reads its configuration files once and watches none of them: each watcher takes one of the
/// machine's inotify instances (128 by default), and a verb must start when they are used up.
/// </summary>
public sealed class CliHostTests
{
    [Theory]
    [InlineData("verify-audit")]
    [InlineData("migrate")]
    [InlineData("help")]
    public async Task VerbHost_ReadsTheConfigurationFiles_WithoutWatchingThem(string verb)
    {
        var builder = CliRunner.CreateBuilder([verb]);
        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        await using var app = builder.Build();

        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched for changes"));
        var providers = ((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(providers);
        Assert.All(providers, p => Assert.False(p.Source.ReloadOnChange, $"{p.Source.Path} is watched for changes"));
    }
}
