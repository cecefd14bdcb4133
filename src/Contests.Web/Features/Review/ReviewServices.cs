namespace Contests.Web.Features.Review;

/// <summary>The review feature's handlers: the LRAC session (one class per step), appeals and the public results.</summary>
public static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddScoped<SessionActas>();
        services.AddScoped<Sessions>();
        services.AddScoped<OpenSession>();
        services.AddScoped<RecordSession>();
        services.AddScoped<ApproveActa>();
        services.AddScoped<Appeals>();
        services.AddScoped<PublicResults>();
        services.AddScoped<PublicPlans>();
        return services;
    }
}
