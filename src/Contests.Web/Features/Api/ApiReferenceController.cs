using System.Text.Json;
using Contests.Core.Monitoring;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Monitoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Contests.Web.Features.Api;

public sealed record ReferenceParameter(string Name, string Where, string Type, bool Required);

public sealed record ReferenceEndpoint(string Id, string Method, string Path, IReadOnlyList<ReferenceParameter> Parameters, string ExampleUrl,
    string ExampleResponse);

/// <summary>
/// The API's reference page, written by us (no third-party viewer): each endpoint, its parameters from the same
/// metadata as the OpenAPI document, and an example answer serialized the way the API serializes.
/// Public, like the OpenAPI document: it shows no data.
/// </summary>
[Route("api/reference"), AllowAnonymous]
public sealed class ApiReferenceController(IApiDescriptionGroupCollectionProvider explorer) : Controller
{
    private static readonly DateTime Example = new(2026, 5, 14, 15, 30, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, (string Url, object Response)> Examples = new(StringComparer.Ordinal)
    {
        ["api/v1/rounds"] = ("/api/v1/rounds?limit=2", new ApiPage<ApiRound>(
            [
                new(6, "Viviendas saludables Mariño 2026", "Abancay", RoundLevel.Households, [Theme.HealthyHome], RoundPhase.Published, Example.AddDays(-60),
                    "001-2026", Example, 1030m),
                new(7, "Concurso de planes de negocio 2026", "Abancay", RoundLevel.Organizations, [Theme.BusinessPlans], RoundPhase.Open,
                    Example.AddDays(-10), null, null, null),
            ], "/api/v1/rounds?limit=2&cursor=djE6Nw")),
        ["api/v1/rounds/{id}/entries"] = ("/api/v1/rounds/6/entries?limit=1", new ApiPage<ApiEntry>(
            [new(3, "Felicitas Cusi Layme", "Ccollpa", "Mariño", "Ccollpa", 87.50m, 1, true, 400m)], "/api/v1/rounds/6/entries?limit=1&cursor=djE6Mw")),
        ["api/v1/rounds/{id}/awards"] = ("/api/v1/rounds/6/awards", new ApiPage<ApiAward>(
            [new(3, "Felicitas Cusi Layme", 400m, [new(1, "FIDA — préstamo", 300m), new(2, "Municipalidad distrital de Mariño", 100m)])], null)),
        ["api/v1/rounds/{id}/payouts"] = ("/api/v1/rounds/6/payouts", new ApiPayoutSummary(6, 5, 1030m,
            [new(PayoutState.Sent, 2, 530m), new(PayoutState.Paid, 3, 500m)])),
        ["api/v1/followups"] = ("/api/v1/followups?round=6", new ApiPage<ApiFollowUp>(
            [new(12, 6, 3, "Felicitas Cusi Layme", new DateOnly(2026, 10, 2), Visitor.Officer, 650m, 120m, true)], null)),
        ["api/v1/indicators"] = ("/api/v1/indicators?year=2026&level=households", new ApiIndicators(
            new ApiIndicatorFilter(2026, null, null, RoundLevel.Households, null),
            [
                new("households", FigureUnit.Count, 42m), new("persons", FigureUnit.Count, 168m), new("awarded", FigureUnit.Soles, 12600.00m),
                new("median-prize", FigureUnit.Soles, 300.00m), new("top-share", FigureUnit.Share, 0.2143m), new("change-per-sol", FigureUnit.Ratio, 1.35m),
            ],
            [new("women", 19, 74), new("men", 23, 94), new("youth", 8, 30)],
            [new("healthyHome", 2)], [new("households", 2)],
            [new("1", "FIDA — préstamo", 9600m, 32), new("2", "Municipalidad distrital de Mariño", 3000m, 10)],
            [new("030106", "Mariño", 12600m, 32)], [new("healthyHome", "healthyHome", 12600m, 32)], [new("2026", "2026", 12600m, 32)],
            [new(2, "Municipalidad distrital de Mariño", FundingSourceKind.Municipality, 20000m, 3000m, 3000m, 1)],
            [new(6, "Viviendas saludables Mariño 2026", 2026, RoundLevel.Households, 40, 38, 12600m, 9000m)])),
    };

    [HttpGet("")]
    public IActionResult Index()
    {
        var endpoints = explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .OrderBy(d => d.RelativePath, StringComparer.Ordinal)
            .Select(d =>
            {
                var path = d.RelativePath!.Replace(":int", "", StringComparison.Ordinal);
                var (url, response) = Examples.TryGetValue(path, out var example) ? example : ("/" + path, new object());
                return new ReferenceEndpoint(path.Replace("api/v1/", "", StringComparison.Ordinal).Replace('/', '-').Replace("{", "", StringComparison.Ordinal)
                        .Replace("}", "", StringComparison.Ordinal),
                    d.HttpMethod ?? "GET", "/" + path,
                    [.. d.ParameterDescriptions.Where(p => p.Source.Id is "Path" or "Query").Select(p => new ReferenceParameter(p.Name,
                        p.Source.Id == "Path" ? "path" : "query", TypeName(p.Type), p.Source.Id == "Path"))],
                    url, JsonSerializer.Serialize(response, response.GetType(), Indented));
            }).ToList();
        return View("Reference", endpoints);
    }

    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    private static string TypeName(Type? type) => (Nullable.GetUnderlyingType(type ?? typeof(string)) ?? type) switch
    {
        var t when t == typeof(int) => "integer",
        _ => "string",
    };
}
