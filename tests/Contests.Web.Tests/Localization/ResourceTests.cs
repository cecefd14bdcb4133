using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Contests.Web.Tests.Localization;

/// <summary>Every text key the UI uses exists in Spanish and in English, and the two files list the same keys.</summary>
public sealed partial class ResourceTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contests.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Root, "src/Contests.Web/Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> Values(string file) =>
        XDocument.Load(Path.Combine(Root, "src/Contests.Web/Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [Fact]
    public void SpanishAndEnglish_HaveTheSameKeys()
    {
        var spanish = Keys("SharedResource.resx");
        var english = Keys("SharedResource.en.resx");

        Assert.Empty(spanish.Except(english));
        Assert.Empty(english.Except(spanish));
    }

    [Fact]
    public void Translations_KeepTheSamePlaceholders()
    {
        var spanish = Values("SharedResource.resx");
        var english = Values("SharedResource.en.resx");

        foreach (var (key, text) in spanish)
        {
            var expected = Placeholder().Matches(text).Select(m => m.Value).Order().ToList();
            Assert.True(expected.SequenceEqual(Placeholder().Matches(english[key]).Select(m => m.Value).Order()), $"Placeholders differ for {key}");
        }
    }

    [Fact]
    public void EveryKeyUsedInCodeAndViews_Exists()
    {
        var keys = Keys("SharedResource.resx");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src/Contests.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                                 && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text))
            {
                used.Add(m.Groups[1].Value);
            }
            foreach (Match m in AttributeKey().Matches(text))
            {
                used.Add(m.Groups[1].Value);
            }
            foreach (Match m in DomainErrorKey().Matches(text))
            {
                used.Add(m.Groups[1].Value);
            }
        }

        Assert.True(used.Count > 50, $"only {used.Count} keys found: the scan is broken");
        var missing = used.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Keys without text: " + string.Join(", ", missing));
    }

    [Fact]
    public void CoreErrorCodes_AllHaveMessages()
    {
        var keys = Keys("SharedResource.resx");
        var codes = Directory.EnumerateFiles(Path.Combine(Root, "src/Contests.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => DomainErrorKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(codes);
        var missing = codes.Where(c => !keys.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Error codes without text: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // L["Key"] / l["Key", …] with a literal key (dynamic keys like "Role." + role are covered by their own tests)
    [GeneratedRegex("""\b[lL]\["([A-Za-z][A-Za-z.]+)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""(?:ErrorMessage|Name) = "([A-Z][A-Za-z]+\.[A-Za-z.]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AttributeKey();

    [GeneratedRegex("""new DomainError\("([A-Za-z.]+)"[,)]""")]
    private static partial Regex DomainErrorKey();
}
