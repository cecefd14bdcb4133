using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Monitoring;

/// <summary>
/// The indicators page's counterpart and co-financers over the demo programme: the funded organizations' counterpart
/// (their plans', no contract signed yet) and the municipality's budget lines, as figures, a chart and a table.
/// </summary>
public abstract class CofinancingPageTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task DemoProgramme_ShowsTheCounterpartOfFundedOrganizations_AndTheMunicipalityAsCoFinancer()
    {
        await App.ResetToDemoAsync();
        var registry = new RegistryData(App);
        // Hand-computed from the database: the plans' counterpart of the organizations with a current prize in an approved acta.
        var expected = await registry.ReadAsync(async db =>
        {
            var funded = await db.Awards.Where(a => a.Current && a.Amount > 0 && db.Actas.Any(x => x.Id == a.ActaId && x.ApprovedUtc != null))
                .Join(db.Entries.Where(e => e.OrganizationId != null && e.Status != EntryStatus.Withdrawn), a => a.EntryId, e => e.Id, (a, e) => e.Counterpart)
                .ToListAsync();
            return funded.Sum(c => c ?? 0m);
        });
        var municipality = await registry.ReadAsync(db => db.FundingSources.Where(s => s.Kind == FundingSourceKind.Municipality).Select(s => s.Id).SingleAsync());
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var html = await client.GetPageAsync("/monitoring");
        var businessPlans = await client.GetPageAsync("/monitoring?Theme=BusinessPlans");

        Assert.True(expected > 0, "the demo funds organizations with a counterpart");
        Assert.Equal(expected, Value(html, "counterpart"));
        Assert.True(Value(html, "counterpart-per-sol") > 0);
        Assert.Contains("id=\"chart-cofinancers\"", html, StringComparison.Ordinal);
        var row = Regex.Match(html, $"<tr data-source=\"{municipality}\" data-kind=\"Municipality\">.*?data-budgeted=\"([^\"]+)\"", RegexOptions.Singleline,
            TimeSpan.FromSeconds(1));
        Assert.True(row.Success, "the municipality is listed as a co-financer");
        Assert.True(decimal.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
        Assert.DoesNotContain("data-kind=\"ProjectLoanOrGrant\"", html, StringComparison.Ordinal);
        // The municipality funds no business-plan contest: filtered to that theme it is not listed, the counterpart stays.
        Assert.DoesNotContain($"<tr data-source=\"{municipality}\"", businessPlans, StringComparison.Ordinal);
        Assert.Equal(expected, Value(businessPlans, "counterpart"));
    }

    private static decimal? Value(string html, string figure) =>
        Regex.Match(html, $"<div data-figure=\"{figure}\" data-value=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            && m.Groups[1].Value.Length > 0
            ? decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
}

public sealed class CofinancingPageTestsOnSqlite(SqliteApp app) : CofinancingPageTests<SqliteApp>(app);

public sealed class CofinancingPageTestsOnPostgres(PostgresApp app) : CofinancingPageTests<PostgresApp>(app);
