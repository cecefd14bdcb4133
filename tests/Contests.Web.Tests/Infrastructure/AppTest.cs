namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// Base of the integration tests: the same tests run once per provider, by a sealed subclass per
/// provider (<c>…OnSqlite</c>, <c>…OnPostgres</c>). Each test starts from a clean database.
/// </summary>
public abstract class AppTest<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : ContestsApp
{
    protected TApp App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
