using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Api;

/// <summary>The API's refusals as RFC 9457 problem details: a stable <c>code</c> for programs, a title for people.</summary>
public static class ApiProblem
{
    public static ProblemDetails Create(HttpContext context, int status, string code, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var problem = new ProblemDetails { Status = status, Title = l[code].Value, Instance = context.Request.Path };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;   // parameter → code, when several may be wrong at once
        }
        return problem;
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, Create(context, status, code, errors), ApiJson.Options, context.RequestAborted);
    }

    /// <summary>The same, as an action result (written as is: the controller's <c>[Produces]</c> would relabel an object result).</summary>
    public static IActionResult Result(int status, string code, IReadOnlyDictionary<string, string>? errors = null) =>
        new ProblemResult(status, code, errors);

    private sealed class ProblemResult(int status, string code, IReadOnlyDictionary<string, string>? errors) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return WriteAsync(context.HttpContext, status, code, errors);
        }
    }
}
