using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Contests.E2E;

/// <summary>
/// Runs axe-core's WCAG 2.2 AA rules on the page as it is and returns only the violations. The axe source comes from
/// Deque's NuGet package; it is evaluated in the page itself and <c>axe.run</c> is called there. Deque's Playwright
/// wrapper does more per call — it opens a second, blank page in the context, injects the 550 KB script into both
/// and merges per-frame partial results there — which made one check cost seconds. Our pages have no frames, so one
/// in-page run gives the same answer.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>One violated rule: its id, impact, help text and up to three of the elements that break it.</summary>
    public sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Nodes);

    public static async Task<IReadOnlyList<Violation>> ViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        var result = await page.EvaluateAsync<JsonElement>("""
            async (tags) => {
              const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => JSON.stringify(n.target) + ' ' + n.html)
              }));
            }
            """, WcagTags);
        return [.. result.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").ValueKind == JsonValueKind.String ? v.GetProperty("impact").GetString() : null,
            v.GetProperty("help").GetString()!,
            [.. v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!)]))];
    }
}
