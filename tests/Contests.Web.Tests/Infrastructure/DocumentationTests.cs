using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// The documentation a newcomer reads lives in the repository and its links lead somewhere: no pointer to a design
/// page or an issue tracker outside it, every relative Markdown link to a file that exists (and to a heading that
/// exists), and every type and test that docs/architecture.md names as enforcing or proving a rule is in the code.
/// </summary>
public sealed partial class DocumentationTests
{
    internal static readonly string Root = FindRoot();

    private static readonly string[] SourceExtensions = [".cs", ".cshtml", ".md", ".sh", ".sql", ".js", ".css"];

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", "App_Data", "TestResults" };

    /// <summary>
    /// Published migration scripts are never edited — the runner refuses a script whose checksum changed — so the
    /// comment these two carry from before the documentation moved into the repository stays.
    /// </summary>
    private static readonly HashSet<string> Published = new(StringComparer.Ordinal)
    {
        "db/sqlite/V024__follow_up_photos.sql",
        "db/postgres/V024__follow_up_photos.sql",
    };

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contests.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static IEnumerable<string> Files(params string[] extensions) => Walk(new DirectoryInfo(Root), extensions);

    private static IEnumerable<string> Walk(DirectoryInfo dir, string[] extensions)
    {
        foreach (var file in dir.EnumerateFiles())
        {
            if (extensions.Any(e => file.Name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                yield return file.FullName;
            }
        }
        foreach (var sub in dir.EnumerateDirectories())
        {
            if (sub.Name.StartsWith('.') || SkippedFolders.Contains(sub.Name))
            {
                continue;
            }
            foreach (var file in Walk(sub, extensions))
            {
                yield return file;
            }
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [Fact]
    public void RepositoryFinds_ItsSourceAndDocumentation()
    {
        var files = Files(SourceExtensions).Select(Relative).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("README.md", files);
        Assert.Contains("docs/architecture.md", files);
        Assert.Contains("docs/decisions/README.md", files);
        Assert.Contains("src/Contests.Core/Judging/Conflicts.cs", files);
        Assert.Contains("src/Contests.Web/Features/Review/README.md", files);
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    [Fact]
    public void NoFile_PointsToTheDesignPageOrAnIssue_OutsideTheRepository()
    {
        var found = new List<string>();
        foreach (var file in Files(SourceExtensions))
        {
            var name = Relative(file);
            if (Published.Contains(name))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (DesignPage().IsMatch(lines[i]) || IssuePointer().IsMatch(lines[i]))
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"{name}:{i + 1}: {lines[i].Trim()}"));
                }
            }
        }

        Assert.True(found.Count == 0, "Point these to docs/architecture.md or docs/decisions/ instead:\n" + string.Join('\n', found));
    }

    [Fact]
    public void ThePointerCheck_CatchesWhatItIsFor()
    {
        // Built from parts, so that this file doesn't hold what it looks for.
        Assert.Matches(DesignPage(), "/// Fixed tiers (design" + ".md §4): place → amount");
        Assert.Matches(IssuePointer(), "// A conflict found later (issue" + " 19, item 1)");
        Assert.Matches(IssuePointer(), "see Issue" + " #6 for the history");
        Assert.DoesNotMatch(IssuePointer(), "/// issued documents (number, SHA-256)");
        Assert.DoesNotMatch(IssuePointer(), "the issuer's 2 documents");
    }

    [Fact]
    public void EveryRelativeMarkdownLink_LeadsToAFileAndHeadingThatExist()
    {
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var file in Files(".md"))
        {
            var dir = Path.GetDirectoryName(file)!;
            foreach (var target in LinkTargets(File.ReadAllText(file)))
            {
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }
                checkedLinks++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var full = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(dir, path));
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    broken.Add($"{Relative(file)}: {target} (no such file)");
                }
                else if (anchor is not null && File.Exists(full) && full.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                         && !Anchors(File.ReadAllText(full)).Contains(anchor))
                {
                    broken.Add($"{Relative(file)}: {target} (no such heading)");
                }
            }
        }

        Assert.True(checkedLinks > 50, string.Create(CultureInfo.InvariantCulture, $"only {checkedLinks} relative links found: is the walk reading the Markdown files?"));
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void AnchorsInCode_PointToHeadingsOfArchitecture()
    {
        var anchors = Anchors(File.ReadAllText(Path.Combine(Root, "docs/architecture.md")));
        var broken = new List<string>();
        var pointers = 0;
        foreach (var file in Files(".cs", ".cshtml", ".sql", ".js", ".css"))
        {
            foreach (Match m in ArchitecturePointer().Matches(File.ReadAllText(file)))
            {
                pointers++;
                if (!anchors.Contains(m.Groups[1].Value))
                {
                    broken.Add($"{Relative(file)}: docs/architecture.md#{m.Groups[1].Value}");
                }
            }
        }

        Assert.True(pointers > 20, string.Create(CultureInfo.InvariantCulture, $"only {pointers} pointers into docs/architecture.md found in the code"));
        Assert.True(broken.Count == 0, "No such heading in docs/architecture.md:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void TypesAndTestsArchitectureNames_ExistInTheCode()
    {
        var architecture = File.ReadAllText(Path.Combine(Root, "docs/architecture.md"));
        var start = architecture.IndexOf("## Rules and where they are enforced", StringComparison.Ordinal);
        var end = architecture.IndexOf("## Indicators", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "docs/architecture.md lost its rules section");
        var rules = architecture[start..end];
        var questions = architecture[architecture.IndexOf("### Three questions", StringComparison.Ordinal)..architecture.IndexOf("## Domain words", StringComparison.Ordinal)];

        var code = Files(".cs").Where(f => !f.EndsWith("DocumentationTests.cs", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        var declared = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var errorCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in code)
        {
            foreach (var type in Declaration().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
            {
                (declared.TryGetValue(type, out var texts) ? texts : declared[type] = []).Add(text);
            }
            errorCodes.UnionWith(ErrorCode().Matches(text).Select(m => m.Groups[1].Value));
        }
        var missing = new List<string>();
        var named = CodeName().Matches(rules + questions).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in named)
        {
            if (errorCodes.Contains(name))
            {
                continue; // an error code the rule answers with
            }
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var type = dot < 0 ? name : name[..dot];
            var member = dot < 0 ? null : new Regex($@"\b{name[(dot + 1)..]}\b");
            if (!declared.TryGetValue(type, out var texts) || (member is not null && !texts.Any(member.IsMatch)))
            {
                missing.Add(name);
            }
        }

        Assert.True(named.Count > 100, string.Create(CultureInfo.InvariantCulture, $"only {named.Count} names read from the rules section"));
        Assert.True(missing.Count == 0, "docs/architecture.md names what the code doesn't have: " + string.Join(", ", missing));
    }

    /// <summary>The targets of inline links and images, outside fenced code blocks and code spans.</summary>
    private static IEnumerable<string> LinkTargets(string markdown)
    {
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                continue;
            }
            foreach (Match m in Link().Matches(CodeSpan().Replace(line, "")))
            {
                yield return m.Groups[1].Value;
            }
        }
    }

    /// <summary>The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }
            var heading = Heading().Match(line);
            if (inFence || !heading.Success)
            {
                continue;
            }
            var text = Link().Replace(heading.Groups[1].Value, m => m.Value[1..m.Value.IndexOf(']', StringComparison.Ordinal)]);
            var slug = new StringBuilder();
            foreach (var c in text.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }
            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
            }
        }
        return anchors;
    }

    [GeneratedRegex(@"design\.md", RegexOptions.IgnoreCase)]
    private static partial Regex DesignPage();

    [GeneratedRegex(@"\bissues?\s*#?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IssuePointer();

    [GeneratedRegex(@"docs/architecture\.md#([\w-]+)")]
    private static partial Regex ArchitecturePointer();

    [GeneratedRegex(@"!?\[[^\]]*\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\b(?:class|record|enum|struct|interface)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"""([A-Z]\w*\.[A-Z]\w*)""")]
    private static partial Regex ErrorCode();

    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]+(?:\.[A-Z][A-Za-z0-9]+)?)`")]
    private static partial Regex CodeName();
}
