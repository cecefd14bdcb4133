using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Rounds;

/// <summary>Contest rounds: list, setup, rules (versioned), calendar, phase moves, dashboard.</summary>
[Route("rounds"), Authorize(Policy = Policies.ReadRounds)]
public sealed class RoundsController(RoundCatalog rounds, RoundEditor editor, PhaseMoves phases, Dashboard dashboard, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Index", await rounds.ListAsync(ct));

    [HttpGet("new"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Create(CancellationToken ct) => SetupFormAsync(new RoundForm { PoolBy = PoolBy.Community, Level = RoundLevel.Households }, ct);

    [HttpPost("new"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Create(RoundForm form, CancellationToken ct)
    {
        var (result, round) = await editor.SaveAsync(null, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Round.Created", round!.Name].Value;
            return RedirectToAction(nameof(EditRules), new { id = round.Id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await SetupFormAsync(form, ct);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        return round is null ? NotFound() : View("Show", await dashboard.ForAsync(round, ct));
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        return round is null ? NotFound() : await SetupFormAsync(RoundForm.From(round), ct, round);
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Edit(int id, RoundForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null)
        {
            return NotFound();
        }
        var result = await SavingAsync(async () => (await editor.SaveAsync(round, form, User.Id()!.Value, ct)).Result);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Round.Saved"].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        return await SetupFormAsync(form, ct, round);
    }

    [HttpGet("{id:int}/rules")]
    public async Task<IActionResult> Rules(int id, int? version, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var shown = version is { } n ? round?.RulesVersions.SingleOrDefault(v => v.Number == n) : round?.CurrentRules;
        if (round is null || (version is not null && shown is null))
        {
            return NotFound();
        }
        ViewData["Options"] = await rounds.OptionsAsync(ct);
        ViewData["Version"] = shown;
        return View("Rules", round);
    }

    [HttpGet("{id:int}/rules/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> EditRules(int id, int? households, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null)
        {
            return NotFound();
        }
        if (round.RulesLocked)
        {
            TempData["Error"] = ModelStateExtensions.Localize(new DomainError("Rules.Locked", null, round.Phase), l);
            return RedirectToAction(nameof(Rules), new { id });
        }
        var form = round.CurrentRules is { } current ? RulesForm.From(current.Rules) : RulesForm.Default();
        if (households is { } n and >= 0)
        {
            ViewData["Siir"] = (n, PrizeBudget.Siir(n).Amount);
        }
        return await RulesFormAsync(round, form.WithSpareRows(), ct);
    }

    [HttpPost("{id:int}/rules/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> EditRules(int id, RulesForm form, string? command, string? households, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null)
        {
            return NotFound();
        }
        if (command is not null)
        {
            return await RulesCommandAsync(round, form, command, households, ct);
        }
        var result = await SavingAsync(() => editor.SaveRulesAsync(round, form, User.Id()!.Value, ct));
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Rules.Saved", round.CurrentRules!.Number].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await RulesFormAsync(round, form.WithSpareRows(), ct);
    }

    [HttpPost("{id:int}/phase"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Move(int id, RoundPhase to, bool confirmed, bool understood, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null)
        {
            return NotFound();
        }
        if (!understood)
        {
            // No phase goes back: the move needs the tick beside what it settles.
            TempData["Error"] = l["Phase.NotUnderstood", l["RoundPhase." + to].Value].Value;
            TempData["Confirmable"] = confirmed ? to.ToString() : null;
            return RedirectToAction(nameof(Show), new { id });
        }
        var result = await SavingAsync(() => phases.MoveAsync(round, to, confirmed, User.Id()!.Value, ct));
        if (result.Succeeded)
        {
            TempData["Flash"] = ModelStateExtensions.Localize(new DomainError("Phase.Moved", null, to), l);
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
            TempData["Confirmable"] = result.Errors.All(e => e.Code is "Phase.NoEntries" or "Phase.MissingBaselines") ? to.ToString() : null;
        }
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:int}/calendar"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Calendar(int id, CalendarForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        if (round is null)
        {
            return NotFound();
        }
        var result = await SavingAsync(() => phases.SaveCalendarAsync(round, form, ct));
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Schedule.Saved"].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData["Calendar"] = form;
        round = (await rounds.FindAsync(id, ct))!;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Show", await dashboard.ForAsync(round, ct));
    }

    /// <summary>Someone else saved the round in between: say so instead of overwriting their change.</summary>
    private static async Task<Result> SavingAsync(Func<Task<Result>> save)
    {
        try
        {
            return await save();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail(new DomainError("Round.ChangedMeanwhile"));
        }
    }

    private async Task<IActionResult> SetupFormAsync(RoundForm form, CancellationToken ct, ContestRound? round = null)
    {
        ViewData["Options"] = await rounds.OptionsAsync(ct);
        ViewData["Round"] = round;
        return View("Form", form);
    }

    /// <summary>
    /// A secondary button of the rules form (the SIIR calculator, more criterion rows): the whole form was
    /// posted, so it comes back exactly as typed — nothing saved, nothing checked, nothing lost.
    /// </summary>
    private async Task<IActionResult> RulesCommandAsync(ContestRound round, RulesForm form, string command, string? households, CancellationToken ct)
    {
        ModelState.Clear();
        form.WithoutBlankRows();
        if (command == RulesForm.SiirCommand)
        {
            if (int.TryParse(households, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                ViewData["Siir"] = (n, PrizeBudget.Siir(n).Amount);
            }
            else
            {
                ModelState.AddDomainErrors([new DomainError("Siir.HouseholdsInvalid", "households")], l);
            }
            ViewData["SiirTyped"] = households;
        }
        else if (command.StartsWith(RulesForm.AddCriteriaCommand, StringComparison.Ordinal)
                 && int.TryParse(command[RulesForm.AddCriteriaCommand.Length..], System.Globalization.CultureInfo.InvariantCulture, out var part))
        {
            form.WithMoreCriteria(part);
        }
        return await RulesFormAsync(round, form.WithSpareRows(), ct);
    }

    private async Task<IActionResult> RulesFormAsync(ContestRound round, RulesForm form, CancellationToken ct)
    {
        ViewData["Options"] = await rounds.OptionsAsync(ct);
        ViewData["Round"] = round;
        return View("RulesForm", form);
    }
}
