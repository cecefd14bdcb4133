using System.Globalization;
using Contests.Core.Impact;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Impact;

/// <summary>A sentence block of the plain-language reading, with the id the page gives it.</summary>
public sealed record PlainParagraph(string Id, string Text);

/// <summary>
/// What an estimate means and what it assumes, in plain words with its numbers filled in — one text for the page and
/// the PDF. It reads the headline (the matched estimate when matching was asked for): the effect and its interval, whether
/// the interval includes zero, the sample it compares, and the assumptions it rests on (parallel trends, no spill-over
/// onto the comparison households, and — when matched — that it speaks for the matched sample only).
/// </summary>
public static class ImpactText
{
    public static bool Matched(EstimateReport report) => report is not null && report.Analysis.Matched is not null;

    public static bool CoversZero(DidEstimate estimate) =>
        estimate is not null && estimate.ConfidenceLow <= 0 && 0 <= estimate.ConfidenceHigh;

    /// <summary>The effect, the zero reading and the sample, in that order.</summary>
    public static IReadOnlyList<PlainParagraph> Reading(EstimateReport report, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var e = report.Analysis.Headline;
        string Num(double v) => v.ToString("N2", CultureInfo.CurrentCulture);
        var theme = l["Theme." + report.Theme].Value;
        var direction = e.Estimate >= 0 ? "Up" : "Down";
        var effect = e.Form == DidForm.TwoByTwo
            ? l["Impact.Plain.Effect.TwoByTwo." + direction, report.Waves[0].Name, report.Waves[^1].Name, report.Indicator, theme,
                Num(Math.Abs(e.Estimate)), Num(e.ConfidenceLow), Num(e.ConfidenceHigh)].Value
            : l["Impact.Plain.Effect.MultiPeriod." + direction, report.Indicator, theme, Num(Math.Abs(e.Estimate)), Num(e.ConfidenceLow),
                Num(e.ConfidenceHigh)].Value;
        var zero = l[CoversZero(e) ? "Impact.Plain.CoversZero" : "Impact.Plain.AwayFromZero"].Value;
        var sample = report.Analysis.Matching is { } m && report.Analysis.Matched is not null
            ? l["Impact.Plain.SampleMatched", e.Treated, e.Comparison, e.Clusters, m.Pairs.Count].Value
            : l["Impact.Plain.Sample", e.Treated, e.Comparison, e.Clusters].Value;
        return [new("plain-effect", effect), new("plain-zero", zero), new("plain-sample", sample)];
    }

    /// <summary>The assumptions, each with a stable key: parallel trends, no spill-over, and the matched sample when matched.</summary>
    public static IReadOnlyList<PlainParagraph> Assumptions(EstimateReport report, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var list = new List<PlainParagraph>
        {
            new("parallel-trends", l["Impact.Plain.ParallelTrends"].Value),
            new("no-spillover", l["Impact.Plain.NoSpillover"].Value),
        };
        if (Matched(report))
        {
            list.Add(new("matched-sample", l["Impact.Plain.MatchedSample"].Value));
        }
        list.Add(new("not-experiment", l["Impact.Plain.NotExperiment"].Value));
        return list;
    }

    /// <summary>The chart's words: its title names the indicator, the value axis is the indicator.</summary>
    public static MeansChartLabels ChartLabels(EstimateReport report, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        return new MeansChartLabels(l["Impact.ChartTitle", report.Indicator].Value, l["Impact.Treated"].Value, l["Impact.Comparison"].Value,
            l["Impact.ChartWaveAxis"].Value, report.Indicator);
    }

    /// <summary>A matching trait's name: a trait (<c>HeadAge</c>), or a category of one (<c>MotherTongue.Quechua</c>, <c>….Unknown</c>).</summary>
    public static string TraitName(string code, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(l);
        return code.Contains('.', StringComparison.Ordinal)
            ? (code.EndsWith(".Unknown", StringComparison.Ordinal)
                ? l["Impact.UnknownOf", l[code.StartsWith("EducationLevel.", StringComparison.Ordinal) ? "Impact.Match.Education" : "Impact.Match.MotherTongue"]].Value
                : l[code].Value)
            : l["Impact.Match." + code].Value;
    }

    /// <summary>A split's subgroup by name (women-headed, young, Quechua…).</summary>
    public static string GroupName(SplitEstimate split, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(l);
        return split.Group switch
        {
            "Unknown" => l["Impact.Unknown"].Value,
            "Young" or "NotYoung" => l["Impact." + split.Group].Value,
            _ => l[(split.By == SplitBy.HeadSex ? "Sex." : "MotherTongue.") + split.Group].Value,
        };
    }
}
