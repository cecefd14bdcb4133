using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Infrastructure.Localization;

/// <summary>Spanish (Peru) by default, English on request; the choice is kept in a cookie.</summary>
public static class LocalizationSetup
{
    public const string DefaultCulture = "es-PE";

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new CultureInfo("es-PE"), new CultureInfo("en")];

    public static IServiceCollection AddContestsLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = [.. Cultures];
            o.SupportedUICultures = [.. Cultures];
            o.FallBackToParentCultures = true;
            // The cookie (the user's choice) wins; otherwise Spanish, whatever the browser says:
            // shared phones in the field are often set to English.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });
        return services;
    }

    public static IMvcBuilder AddContestsViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

    /// <summary>Model-binding messages ("the value is not valid") in the user's language.</summary>
    public static void LocalizeModelBinding(Microsoft.AspNetCore.Mvc.MvcOptions options, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
        m.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
        m.SetValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, _) => l["Validation.ValueInvalid", v]);
        m.SetUnknownValueIsInvalidAccessor(_ => l["Validation.UnknownValue"]);
        m.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.ValueInvalid", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.UnknownValue"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
    }
}
