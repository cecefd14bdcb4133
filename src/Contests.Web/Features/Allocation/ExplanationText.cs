using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Allocation;

/// <summary>
/// Renders the allocation engine's explanations (<see cref="Explanation"/>: a key and its values) in the
/// user's language, with the conventions of <see cref="ModelStateExtensions.Localize"/>: a bare decimal is
/// money ("S/ 400.00"), <see cref="Number"/> a plain number, an enum its localized name; a list of amounts
/// reads as a sum ("S/ 400.00 + S/ 200.00") and a list of names as a list ("«A», «B»").
/// </summary>
public static class ExplanationText
{
    public static string Render(Explanation explanation, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(localizer);
        var arguments = explanation.Arguments.Select(a => a switch
        {
            decimal amount => Display.Money(amount),
            decimal[] amounts => string.Join(" + ", amounts.Select(Display.Money)),
            string[] names => string.Join(", ", names.Select(n => $"«{n}»")),
            Number number => Display.Points(number.Value),
            Enum value => localizer[value.GetType().Name + "." + value].Value,
            _ => a,
        }).ToArray();
        return localizer[explanation.Key, arguments];
    }

    public static string RenderAll(IEnumerable<Explanation> explanations, IStringLocalizer localizer) =>
        string.Join(" ", explanations.Select(e => Render(e, localizer)));

    /// <summary>A pool's sentences, the pool named as people know it (<paramref name="poolName"/>) rather than by its key.</summary>
    public static string RenderPool(IEnumerable<Explanation> explanations, string poolName, IStringLocalizer localizer) =>
        RenderAll(explanations.Select(e => e.Key == AllocationKeys.Pool ? e with { Arguments = [poolName, .. e.Arguments.Skip(1)] } : e), localizer);
}
