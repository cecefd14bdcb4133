namespace Contests.Web.Features.Rounds;

/// <summary>The rounds feature's handlers, registered together.</summary>
public static class RoundsServices
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddScoped<RoundCatalog>();
        services.AddScoped<RoundEditor>();
        services.AddScoped<PhaseMoves>();
        services.AddScoped<PublicRulesQuery>();
        services.AddScoped<Entries>();
        services.AddScoped<Baselines>();
        services.AddScoped<Dashboard>();
        services.AddScoped<FileStore>();
        return services;
    }
}
