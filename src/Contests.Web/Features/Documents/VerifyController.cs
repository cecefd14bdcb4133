using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Documents;

/// <summary>
/// The public verification page a certificate's QR code opens (<c>/verify/{code}</c>), and a form to type the code
/// printed under it. No sign-in; the answer shows only what the document itself prints publicly.
/// </summary>
[AllowAnonymous]
public sealed class VerifyController(Verification verification) : Controller
{
    [HttpGet("verify")]
    public async Task<IActionResult> Form(string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? View("Verify", (VerificationPage?)null) : await ShowAsync(code, ct);

    [HttpGet("verify/{code}")]
    public Task<IActionResult> Show(string code, CancellationToken ct) => ShowAsync(code, ct);

    private async Task<IActionResult> ShowAsync(string code, CancellationToken ct)
    {
        var page = await verification.CheckAsync(code, ct);
        if (page.Outcome == VerifyOutcome.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        // A printed code is checked again and again: never cache an answer that voiding must change.
        Response.Headers.CacheControl = "no-store";
        return View("Verify", page);
    }
}
