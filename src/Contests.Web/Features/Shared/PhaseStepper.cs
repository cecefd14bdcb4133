using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Shared;

/// <summary>
/// The nine phases of a round, where it is, and what its next step needs (what the guards of
/// <see cref="RoundPhases.CanMove"/> look at). Whether it is met today is the dashboard's to say: it counts the facts.
/// </summary>
public sealed record PhaseStepperModel(int RoundId, RoundPhase Phase)
{
    public static IReadOnlyList<RoundPhase> Phases { get; } = Enum.GetValues<RoundPhase>();

    public RoundPhase? Next => RoundPhases.Next(Phase);

    /// <summary>The key of the sentence that says what the move to <paramref name="to"/> needs (one per target phase).</summary>
    public static string NeedKey(RoundPhase to) => "Stepper.Need." + to;
}

/// <summary>
/// Rendered by the layout on every page under <c>/rounds/{id}</c>: finds the round from the route
/// (<c>roundId</c>, or <c>id</c> on the rounds controller) and reads only its phase.
/// </summary>
public sealed class PhaseStepperViewComponent(ContestsDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var id = RoundId();
        if (id is null)
        {
            return Content("");
        }
        var phase = await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Where(r => r.Id == id)
            .Select(r => (RoundPhase?)r.Phase).SingleOrDefaultAsync(HttpContext.RequestAborted);
        return phase is { } p
            ? View("~/Features/Shared/Views/_PhaseStepper.cshtml", new PhaseStepperModel(id.Value, p))
            : Content("");
    }

    private int? RoundId()
    {
        if (!HttpContext.Request.Path.StartsWithSegments("/rounds"))
        {
            return null;
        }
        var values = RouteData.Values;
        var raw = values.TryGetValue("roundId", out var roundId) ? roundId
            : values.TryGetValue("controller", out var c) && c as string == "Rounds" && values.TryGetValue("id", out var id) ? id
            : null;
        return int.TryParse(raw as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
