namespace Contests.Web.Features.Judging;

/// <summary>The judging feature's handlers, registered together (one per use case or cohesive read).</summary>
public static class JudgingServices
{
    public static IServiceCollection AddJudging(this IServiceCollection services)
    {
        services.AddScoped<Lrac>();
        services.AddScoped<LracPages>();
        services.AddScoped<Assignments>();
        services.AddScoped<SheetFacts>();
        services.AddScoped<SheetAccess>();
        services.AddScoped<SheetPages>();
        services.AddScoped<SaveSheet>();
        services.AddScoped<ReopenSheet>();
        services.AddScoped<FieldPack>();
        services.AddScoped<Scoreboard>();
        services.AddScoped<Presidency>();
        return services;
    }
}
