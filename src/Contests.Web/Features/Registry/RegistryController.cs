using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Registry;

/// <summary>The registry's front page: how many of each, and the way in to each list.</summary>
[Route("registry"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class RegistryController(RegistryOverview overview) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Index", await overview.SummaryAsync(ct));
}
