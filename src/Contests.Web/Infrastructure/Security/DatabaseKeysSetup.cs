using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Contests.Web.Infrastructure.Security;

internal static class DatabaseKeysSetup
{
    public static IServiceCollection AddDataProtectionKeysInDatabase(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("contests");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
