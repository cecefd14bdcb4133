using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Impact;

/// <summary>The demo's household survey: participants and non-participants at a baseline and a follow-up, with a known simulated effect.</summary>
public abstract partial class DemoImpactTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task DemoSurvey_ShowsAnEstimateWhoseIntervalCoversTheSimulatedEffect()
    {
        await App.ResetToDemoAsync();
        int survey;
        using (var read = App.Services.CreateScope())
        {
            survey = await read.ServiceProvider.GetRequiredService<ContestsDbContext>().Surveys.Where(s => s.Name == DemoImpact.SurveyName).Select(s => s.Id).SingleAsync();
        }
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);

        var response = await monitoring.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos_valor&Theme=SoilAndWater&Rule=FirstEntry");

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var tag = Regex.Match(html, "<section [^>]*id=\"estimate\"[^>]*>", RegexOptions.Singleline).Value;
        double Attr(string name) => double.Parse(Regex.Match(tag, $"{name}=\"([^\"]*)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        var effect = (double)DemoImpact.AssetEffect;
        Assert.InRange(effect, Attr("data-ci-low"), Attr("data-ci-high"));
        Assert.InRange(Attr("data-estimate"), effect * 0.75, effect * 1.25);
        Assert.True(Attr("data-treated") >= 2 && Attr("data-comparison") >= 2 && Attr("data-clusters") >= 2);
    }
}

public sealed class DemoImpactTestsOnSqlite(SqliteApp app) : DemoImpactTests<SqliteApp>(app);

public sealed class DemoImpactTestsOnPostgres(PostgresApp app) : DemoImpactTests<PostgresApp>(app);
