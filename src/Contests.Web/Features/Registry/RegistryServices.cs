namespace Contests.Web.Features.Registry;

/// <summary>The registry feature's handlers, registered together.</summary>
public static class RegistryServices
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<Lookups>();
        services.AddScoped<RegistryOverview>();
        services.AddScoped<DniOwners>();
        services.AddScoped<Households>();
        services.AddScoped<Communities>();
        services.AddScoped<Watersheds>();
        services.AddScoped<TerritoryRegistry>();
        services.AddScoped<Organizations>();
        services.AddScoped<BankAccounts>();
        services.AddScoped<Import.BulkHouseholdWriter>();
        services.AddScoped<Import.RegistryImporter>();
        return services;
    }
}
