using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>Friendly error pages (404, 500 …) in the user's language, never a stack trace.</summary>
    [Route("/error/{code:int?}"), AllowAnonymous, IgnoreAntiforgeryToken]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error(int? code)
    {
        var status = code ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? 404 : 500);
        Response.StatusCode = status;
        return View("Error", status);
    }
}
