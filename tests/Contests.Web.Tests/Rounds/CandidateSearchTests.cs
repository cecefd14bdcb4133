using System.Globalization;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Rounds;

/// <summary>The registration search lists first those the round can take: a common surname is everywhere in the programme.</summary>
public abstract class CandidateSearchTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task CommonSurname_InScopeHouseholdsComeFirst_EvenWhenManyOthersSortBeforeThem()
    {
        var round = await OpenRound.SeedAsync(App);
        var data = new RegistryData(App);
        var kiunalla = await data.ReadAsync(db => db.Communities.Where(c => c.Name == "Kiuñalla").Select(c => c.Id).SingleAsync());
        for (var i = 0; i < 25; i++)
        {
            // "Quispe Aa…" sorts before "Quispe Ccori": without the scope first, the one family that can enter would not be listed.
            await data.AddHouseholdAsync(kiunalla, "Teodoro", "Quispe Aa" + (char)('a' + i), (42000000 + i).ToString(CultureInfo.InvariantCulture));
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{round.Id}/entries/new?q=quispe");

        var text = HtmlPage.Text(html);
        var first = text.IndexOf("Quispe Ccori, Juana", StringComparison.Ordinal);
        var outside = text.IndexOf("Quispe Aaa, Teodoro", StringComparison.Ordinal);
        Assert.True(first >= 0, "The in-scope household is not listed.");
        Assert.True(outside < 0 || first < outside, "An out-of-scope household is listed before the in-scope one.");
    }
}

public sealed class CandidateSearchTestsOnSqlite(SqliteApp app) : CandidateSearchTests<SqliteApp>(app);

public sealed class CandidateSearchTestsOnPostgres(PostgresApp app) : CandidateSearchTests<PostgresApp>(app);
