using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Contests.Web.Features.Monitoring;

namespace Contests.Web.Features.Api;

/// <summary>
/// The read API for the funder's systems (<c>/api/v1</c>): JSON, API key only, rate-limited per key, every answer logged.
/// Lists are paged with an opaque cursor; every 200 carries an ETag.
/// </summary>
[ApiController, Route("api/v1"), Authorize(Policy = ApiSetup.ReadPolicy), EnableRateLimiting(ApiSetup.RateLimitPolicy)]
[Produces("application/json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class ApiV1Controller(ApiReads reads, ApiIndicatorReads indicators) : ControllerBase
{
    /// <summary>Contest rounds from their call onwards (no drafts), oldest first.</summary>
    /// <param name="limit">Rows per page, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>next</c> link's cursor; omit for the first page.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("rounds")]
    [ProducesResponseType(typeof(ApiPage<ApiRound>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Rounds(int? limit, string? cursor, CancellationToken ct)
    {
        if (Refused(limit, cursor, out var take, out var after) is { } refused)
        {
            return refused;
        }
        var (rows, last) = await reads.RoundsAsync(after, take, ct);
        return Page(rows, last, take);
    }

    /// <summary>The entries of a round whose results are published, by entry number: name, community, district, score, rank, prize.</summary>
    /// <param name="id">The round's id.</param>
    /// <param name="limit">Rows per page, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>next</c> link's cursor; omit for the first page.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("rounds/{id:int}/entries")]
    [ProducesResponseType(typeof(ApiPage<ApiEntry>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Entries(int id, int? limit, string? cursor, CancellationToken ct)
    {
        if (Refused(limit, cursor, out var take, out var after) is { } refused)
        {
            return refused;
        }
        if (!await reads.PublishedAsync(id, ct))
        {
            return NotPublished();
        }
        var (rows, last) = await reads.EntriesAsync(id, after, take, ct);
        return Page(rows, last, take);
    }

    /// <summary>The prizes with money of a round whose results are published, each split by funding source.</summary>
    /// <param name="id">The round's id.</param>
    /// <param name="limit">Rows per page, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>next</c> link's cursor; omit for the first page.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("rounds/{id:int}/awards")]
    [ProducesResponseType(typeof(ApiPage<ApiAward>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Awards(int id, int? limit, string? cursor, CancellationToken ct)
    {
        if (Refused(limit, cursor, out var take, out var after) is { } refused)
        {
            return refused;
        }
        if (!await reads.PublishedAsync(id, ct))
        {
            return NotPublished();
        }
        var (rows, last) = await reads.AwardsAsync(id, after, take, ct);
        return Page(rows, last, take);
    }

    /// <summary>A published round's payouts: counts and totals by state (no beneficiary, no account).</summary>
    /// <param name="id">The round's id.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("rounds/{id:int}/payouts")]
    [ProducesResponseType(typeof(ApiPayoutSummary), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Payouts(int id, CancellationToken ct)
    {
        if (!await reads.PublishedAsync(id, ct))
        {
            return NotPublished();
        }
        return new ApiJsonResult(await reads.PayoutsAsync(id, ct));
    }

    /// <summary>Follow-up visits to entries of published rounds, oldest recorded first: date, who visited, asset change.</summary>
    /// <param name="round">Only this round's visits.</param>
    /// <param name="limit">Rows per page, 1–200 (default 50).</param>
    /// <param name="cursor">The <c>next</c> link's cursor; omit for the first page.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("followups")]
    [ProducesResponseType(typeof(ApiPage<ApiFollowUp>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> FollowUps(int? round, int? limit, string? cursor, CancellationToken ct)
    {
        if (Refused(limit, cursor, out var take, out var after) is { } refused)
        {
            return refused;
        }
        var (rows, last) = await reads.FollowUpsAsync(round, after, take, ct);
        return Page(rows, last, take);
    }

    /// <summary>
    /// The programme's indicators (the indicators page's figures under their definitions' codes, and the tables behind its
    /// charts) over every round, or those the filters choose. Aggregates only.
    /// </summary>
    /// <param name="year">Programme year (the Lima year a round was created), 2000–2100.</param>
    /// <param name="district">A district's UBIGEO (six digits): only entries of that district.</param>
    /// <param name="theme">Rounds including this theme (<c>healthyHome</c>, <c>naturalResources</c>…).</param>
    /// <param name="level">Rounds of this level (<c>households</c>, <c>communities</c>, <c>organizations</c>).</param>
    /// <param name="round">One round's id.</param>
    /// <param name="ct">Cancels the work.</param>
    [HttpGet("indicators")]
    [ProducesResponseType(typeof(ApiIndicators), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Indicators(string? year, string? district, string? theme, string? level, string? round, CancellationToken ct)
    {
        var (filter, errors) = IndicatorFilter.Parse(new IndicatorFilterForm { Year = year, District = district, Theme = theme, Level = level, Round = round });
        if (filter is null)
        {
            // Every bad filter is named, the first one's code is the problem's code.
            return ApiProblem.Result(StatusCodes.Status400BadRequest, errors[0].Code,
                errors.ToDictionary(e => ApiName(e.Field), e => e.Code, StringComparer.Ordinal));
        }
        return new ApiJsonResult(await indicators.ReadAsync(filter, ct));
    }

    private static string ApiName(string field) => char.ToLowerInvariant(field[0]) + field[1..];

    private static IActionResult? Refused(int? limit, string? cursor, out int take, out long after)
    {
        take = limit ?? Cursor.DefaultLimit;
        after = 0;
        if (take is < 1 or > Cursor.MaxLimit)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "Api.BadLimit");
        }
        if (Cursor.Decode(cursor) is not { } decoded)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "Api.BadCursor");
        }
        after = decoded;
        return null;
    }

    private static IActionResult NotPublished() => ApiProblem.Result(StatusCodes.Status404NotFound, "Api.RoundNotPublished");

    private ApiJsonResult Page<T>(IReadOnlyList<T> rows, long? last, int take)
    {
        string? next = null;
        if (last is { } l)
        {
            var query = Request.Query.Where(q => q.Key is not ("cursor" or "limit"))
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))
                .Append("limit=" + take.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append("cursor=" + Cursor.Encode(l));
            next = Request.PathBase + Request.Path + "?" + string.Join("&", query);
        }
        return new ApiJsonResult(new ApiPage<T>(rows, next));
    }
}
