namespace Contests.Web.Features.Monitoring;

/// <summary>How a figure is measured: a count, soles, a fraction (0.8333 = 83.33 %) or soles per sol of prize.</summary>
public enum FigureUnit
{
    Count,
    Soles,
    Share,
    Ratio,
}

/// <summary>One headline figure of the indicators, named by the code the page's <c>data-figure</c> and the API use.</summary>
public sealed record IndicatorFigure(string Code, FigureUnit Unit, decimal? Value);

/// <summary>
/// The headline figures of an <see cref="IndicatorReport"/> under their codes (the definitions are in
/// <c>Contests.Core/Monitoring/README.md</c>): the list the page marks with <c>data-figure</c>/<c>data-value</c> and the read API
/// serves, so both say the same.
/// </summary>
public static class IndicatorFigures
{
    public static IReadOnlyList<IndicatorFigure> Of(IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Participation;
        return
        [
            Count("entries", report.Entries),
            Count("households", p.Households.Total),
            Count("persons", p.Persons.Total),
            Count("women-headed", p.WomenHeadedHouseholds),
            Count("repeat-households", p.RepeatHouseholds),
            Count("communities-presented", p.CommunitiesPresented),
            Count("communities-approved", p.CommunitiesApproved),
            Count("organizations-presented", p.OrganizationsPresented),
            Count("organizations-approved", p.OrganizationsApproved),
            Count("lrac-sessions", report.LracSessions),
            Count("lracs-operating", report.LracsOperating),
            Soles("awarded", report.Awarded),
            Count("awards", report.Awards),
            Soles("paid", report.Paid),
            Soles("average-prize", report.AveragePrize),
            Soles("median-prize", report.MedianPrize),
            new("top-share", FigureUnit.Share, report.Concentration.TopShare),
            Count("repeat-winners", report.Concentration.RepeatWinners),
            new("repeat-winners-share", FigureUnit.Share, report.Concentration.RepeatWinnersShare),
            Soles("counterpart", report.Counterpart.Counterpart),
            Soles("counterpart-project", report.Counterpart.Project),
            Count("counterpart-organizations", report.Counterpart.Organizations),
            Count("counterpart-contracts", report.Counterpart.WithContract),
            new("counterpart-per-sol", FigureUnit.Ratio, report.Counterpart.CounterpartPerSol),
            Count("cofinancers", report.CoFinancers.Count),
            Soles("cofinancers-budgeted", report.CoFinancers.Sum(c => c.Figures.Budgeted)),
            Soles("cofinancers-awarded", report.CoFinancers.Sum(c => c.Figures.Awarded)),
            Count("visited", report.Results.Visited),
            Count("compared", report.Results.Compared),
            Soles("asset-change", report.Results.AssetChange),
            new("change-per-sol", FigureUnit.Ratio, report.Results.ChangePerSol),
            new("investment-per-sol", FigureUnit.Ratio, report.Results.InvestmentPerSol),
            new("kept", FigureUnit.Share, report.Results.KeptShare),
        ];
    }

    /// <summary>The value as the page writes it in <c>data-value</c> (invariant; empty when there is none).</summary>
    public static string Invariant(IndicatorFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static IndicatorFigure Count(string code, int value) => new(code, FigureUnit.Count, value);

    // Adding 0.00m gives every amount at least two decimals, whatever scale the database returned (1000 → 1000.00).
    private static IndicatorFigure Soles(string code, decimal? value) =>
        new(code, FigureUnit.Soles, value is { } v ? decimal.Round(v, 2, MidpointRounding.AwayFromZero) + 0.00m : null);
}
