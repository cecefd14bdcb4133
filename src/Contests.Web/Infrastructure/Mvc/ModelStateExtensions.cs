using Contests.Core.Common;
using Contests.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Infrastructure.Mvc;

public static class ModelStateExtensions
{
    /// <summary>
    /// Puts the domain's refusals next to the fields they concern, in the user's language. A field that
    /// already shows an input error (e.g. "required") keeps only that one.
    /// </summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(localizer);
        var alreadyFlagged = modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var error in errors.Where(e => !alreadyFlagged.Contains(e.Field ?? string.Empty)))
        {
            modelState.AddModelError(error.Field ?? string.Empty, Localize(error, localizer));
        }
    }

    /// <summary>
    /// The error's message in the current language. A <see cref="FieldLabel"/> argument becomes the
    /// field's label, or whatever <paramref name="label"/> calls it (an import names its columns).
    /// </summary>
    public static string Localize(DomainError error, IStringLocalizer localizer, Func<string, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(localizer);
        var arguments = error.Arguments.Select(a => a switch
        {
            FieldLabel field => label?.Invoke(field.Field) ?? localizer["Field." + field.Field].Value,
            DateTime utc => (object)Display.DateTime(utc),
            // A Lima calendar day (a visit's date, an entry's day): the app's date display, not string.Format's choice.
            DateOnly day => Display.Date(day),
            decimal amount => Display.Money(amount),
            Number number => Display.Points(number.Value),
            Enum value => localizer[value.GetType().Name + "." + value].Value,
            _ => a,
        }).ToArray();
        return localizer[error.Code, arguments];
    }

    /// <summary>Every refusal as one message, for pages that report after a redirect (flash) rather than next to a field.</summary>
    public static string LocalizeAll(IEnumerable<DomainError> errors, IStringLocalizer localizer) =>
        string.Join(" ", errors.Select(e => Localize(e, localizer)));
}
