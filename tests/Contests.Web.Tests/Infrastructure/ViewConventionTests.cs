namespace Contests.Web.Tests.Infrastructure;

/// <summary>Conventions of the views, checked over the sources.</summary>
public sealed class ViewConventionTests
{
    /// <summary>
    /// A view asks <c>PagePermissions</c> about the policy its action checks (<c>await Can.AllowsAsync(Policies.…)</c>);
    /// a role named in a view is how a button and the action behind it drift apart.
    /// </summary>
    [Fact]
    public void NoView_NamesARole()
    {
        var views = Directory.EnumerateFiles(Path.Combine(DocumentationTests.Root, "src"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.True(views.Count > 50, $"only {views.Count} views found");
        Assert.Contains(views, v => File.ReadAllText(v).Contains("Can.AllowsAsync(Policies.", StringComparison.Ordinal));

        var naming = views.Where(v => File.ReadAllText(v).Contains("IsInRole(", StringComparison.Ordinal))
            .Select(v => Path.GetRelativePath(DocumentationTests.Root, v)).ToList();

        Assert.Empty(naming);
    }
}
