namespace Contests.Web.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <c>Database:Provider</c> picks the engine; <c>ConnectionStrings:Contests</c> says where it is.
/// Without a connection string, SQLite uses a file in the app's data folder.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file (relative to the content root unless absolute).</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply pending migrations when the web app starts (the <c>migrate</c> verb always does).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public string ConnectionString { get; set; } = string.Empty;
}
