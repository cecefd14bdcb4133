using System.Globalization;
using System.Text;
using Contests.Core.Common;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Impact;

public sealed record SurveysPageModel(IReadOnlyList<SurveySummary> Surveys, SurveyForm Form);

public sealed record SurveyPageModel(SurveyDetails Survey, WaveForm Wave, AnswerForm Answer, ImportResult? Import, string? ImportError, bool Saved);

public sealed record EstimatePageModel(EstimateForm Form, IReadOnlyList<EstimateChoice> Choices, EstimateReport? Report, IReadOnlyList<(string Code, string Message)> Refusals);

/// <summary>
/// Impact estimates: household surveys (indicators, waves, answers typed or imported) and the difference-in-differences
/// page. Surveys are managed by officers and the Monitoring role (<see cref="Policies.ManageSurveys"/>); whoever reads the
/// indicators reads the surveys and runs estimates.
/// </summary>
[Authorize(Policy = Policies.ReadIndicators)]
public sealed class ImpactController(Surveys surveys, SurveyAnswerImporter importer, ImpactEstimates estimates, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
    : Controller
{
    [HttpGet("impact")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Index", new SurveysPageModel(await surveys.ListAsync(ct), new SurveyForm().Padded()));

    [HttpPost("impact/surveys"), Authorize(Policy = Policies.ManageSurveys)]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] SurveyForm form, CancellationToken ct)
    {
        var (result, id) = await surveys.CreateAsync(form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/impact/surveys/{id}"));
        }
        AddErrors(result.Errors, "Form.");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Index", new SurveysPageModel(await surveys.ListAsync(ct), form.Padded()));
    }

    [HttpGet("impact/surveys/{id:int}")]
    public async Task<IActionResult> Show(int id, bool saved, CancellationToken ct)
    {
        var survey = await surveys.FindAsync(id, ct);
        return survey is null ? NotFound() : View("Survey", new SurveyPageModel(survey, new WaveForm(), new AnswerForm(), null, null, saved));
    }

    [HttpPost("impact/surveys/{id:int}/waves"), Authorize(Policy = Policies.ManageSurveys)]
    public async Task<IActionResult> AddWave(int id, [Bind(Prefix = "Wave")] WaveForm form, CancellationToken ct)
    {
        var result = await surveys.AddWaveAsync(id, form, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/impact/surveys/{id}?saved=true"));
        }
        AddErrors(result.Errors, "Wave.");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Survey", new SurveyPageModel((await surveys.FindAsync(id, ct))!, form, new AnswerForm(), null, null, false));
    }

    [HttpPost("impact/surveys/{id:int}/answers"), Authorize(Policy = Policies.ManageSurveys)]
    public async Task<IActionResult> SaveAnswers(int id, [Bind(Prefix = "Answer")] AnswerForm form, CancellationToken ct)
    {
        var survey = await surveys.FindAsync(id, ct);
        if (survey is null)
        {
            return NotFound();
        }
        var result = await surveys.SaveAnswersAsync(survey, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/impact/surveys/{id}?saved=true"));
        }
        AddErrors(result.Errors, "Answer.");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Survey", new SurveyPageModel(survey, new WaveForm(), form, null, null, false));
    }

    [HttpGet("impact/surveys/{id:int}/import/sample")]
    public async Task<IActionResult> Sample(int id, CancellationToken ct)
    {
        var survey = await surveys.FindAsync(id, ct);
        return survey is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(SurveyAnswerImporter.Sample(survey)), "text/csv; charset=utf-8", "respuestas-encuesta-ejemplo.csv");
    }

    // Up to twice the limit is read so that a file a little over it gets the message that says so, not a bare 413.
    [HttpPost("impact/surveys/{id:int}/import"), Authorize(Policy = Policies.ManageSurveys),
     RequestSizeLimit((2 * SurveyAnswerImporter.MaxFileBytes) + 1_000_000), RequestFormLimits(MultipartBodyLengthLimit = 2 * SurveyAnswerImporter.MaxFileBytes)]
    public async Task<IActionResult> Import(int id, IFormFile? file, CancellationToken ct)
    {
        var survey = await surveys.FindAsync(id, ct);
        if (survey is null)
        {
            return NotFound();
        }
        var error = file is null || file.Length == 0 ? l["Import.NoFile"].Value
            : file.Length > SurveyAnswerImporter.MaxFileBytes ? l["Import.TooLarge", SurveyAnswerImporter.MaxFileBytes / 1024 / 1024].Value : null;
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Survey", new SurveyPageModel(survey, new WaveForm(), new AnswerForm(), null, error, false));
        }
        await using var stream = file!.OpenReadStream();
        var result = await importer.ImportAsync(survey, stream, Path.GetFileName(file.FileName), User.Id()!.Value, ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return View("Survey", new SurveyPageModel(result.Succeeded ? (await surveys.FindAsync(id, ct))! : survey, new WaveForm(), new AnswerForm(), result, null,
            false));
    }

    [HttpGet("impact/estimate")]
    public async Task<IActionResult> Estimate([FromQuery] EstimateForm form, CancellationToken ct)
    {
        if (form.IsEmpty)
        {
            return View("Estimate", new EstimatePageModel(form, await estimates.ChoicesAsync(ct), null, []));
        }
        var (page, choices, _, report) = await RunAsync(form, ct);
        return page ?? View("Estimate", new EstimatePageModel(form, choices, report, []));
    }

    /// <summary>The analysis data set (CSV) of the estimate the same choices give; bad choices re-render the form (400).</summary>
    [HttpGet("impact/estimate/data")]
    public async Task<IActionResult> Data([FromQuery] EstimateForm form, CancellationToken ct)
    {
        var choices = await estimates.ChoicesAsync(ct);
        var (query, errors) = ImpactEstimates.Parse(form, choices);
        if (query is null)
        {
            AddErrors(errors, string.Empty);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Estimate", new EstimatePageModel(form, choices, null, []));
        }
        var csv = await estimates.DataCsvAsync(query, ct);
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"impacto-{query.SurveyId}-{query.Indicator}.csv"));
    }

    /// <summary>
    /// The estimate as a printable PDF report, from the same choices as the page; bad choices re-render the form (400) and a
    /// refusal of the data shows the page's refusal (422), as the page does.
    /// </summary>
    [HttpGet("impact/estimate/pdf")]
    public async Task<IActionResult> Pdf([FromQuery] EstimateForm form, CancellationToken ct)
    {
        var (page, _, query, report) = await RunAsync(form, ct);
        return page ?? File(ImpactPdf.Render(report!, l, clock.GetUtcNow().UtcDateTime), "application/pdf",
            string.Create(CultureInfo.InvariantCulture, $"impacto-{query!.SurveyId}-{query.Indicator}.pdf"));
    }

    /// <summary>
    /// Parses the choices and runs the estimate; on failure the page to show instead: bad choices on their fields (400), or
    /// the data's refusal above the form (422) — a refusal is the data's answer, not the form's fault.
    /// </summary>
    private async Task<(IActionResult? Page, List<EstimateChoice> Choices, EstimateQuery? Query, EstimateReport? Report)> RunAsync(EstimateForm form,
        CancellationToken ct)
    {
        var choices = await estimates.ChoicesAsync(ct);
        var (query, errors) = ImpactEstimates.Parse(form, choices);
        if (query is null)
        {
            AddErrors(errors, string.Empty);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return (View("Estimate", new EstimatePageModel(form, choices, null, [])), choices, null, null);
        }
        var (result, report) = await estimates.EstimateAsync(query, ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return (View("Estimate", new EstimatePageModel(form, choices, null, [.. result.Errors.Select(e => (e.Code, ModelStateExtensions.Localize(e, l)))])),
                choices, query, null);
        }
        return (null, choices, query, report);
    }

    private void AddErrors(IEnumerable<DomainError> errors, string prefix)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(prefix + (error.Field ?? string.Empty), ModelStateExtensions.Localize(error, l));
        }
    }
}
