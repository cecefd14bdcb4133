using Contests.Core.Common;
using Contests.Core.Documents;
using static Contests.Core.Tests.Documents.DocumentBuilders;

namespace Contests.Core.Tests.Documents;

/// <summary>
/// The contract template: the default validates and uses the whole catalogue; unknown and malformed placeholders,
/// empty and oversized clauses are refused against their field; filling replaces every placeholder once; a change is a
/// new version with a note.
/// </summary>
public sealed class ContractTemplateTests
{
    private static readonly ContractClause Valid = new("PRIMERA — OBJETO", "El proyecto dona a {organizacion} la suma de {monto_proyecto}.");

    private static ContractTemplate? Create(IReadOnlyList<ContractClause> clauses, out List<DomainError> errors, int version = 1, string? note = null)
    {
        errors = [];
        return ContractTemplate.Create(version, clauses, note, IssuerId, Now, errors);
    }

    private static ContractTemplate Version1() => ContractTemplate.Default(IssuerId, Now);

    [Fact]
    public void Default_IsVersionOne_WithTheElevenClausesInOrder()
    {
        var template = Version1();

        Assert.Equal(1, template.Version);
        Assert.Null(template.Note);
        Assert.Equal((IssuerId, Now), (template.CreatedByUserId, template.CreatedUtc));
        Assert.Equal(
            ["PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA", "DÉCIMA", "UNDÉCIMA"],
            template.Clauses.Select(c => c.Title.Split(' ')[0]));
        Assert.Equal(ContractTemplate.DefaultClauses, template.Clauses);
    }

    [Fact]
    public void Default_Validates_WithoutErrors()
    {
        var template = Create(ContractTemplate.DefaultClauses, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(template);
    }

    [Fact]
    public void Default_UsesEveryPlaceholderOfTheCatalogue()
    {
        var used = Version1().Clauses.SelectMany(c => ContractPlaceholders.In(c.Body)).ToHashSet();

        var unused = ContractPlaceholders.All.Select(p => p.Name).Except(used).ToList();
        Assert.True(unused.Count == 0, "not used by the default: " + string.Join(", ", unused));
        Assert.All(used, n => Assert.True(ContractPlaceholders.IsKnown(n), n));
    }

    [Fact]
    public void Default_Clauses_HaveOneToThreeSubstantialParagraphs()
    {
        foreach (var clause in Version1().Clauses)
        {
            var paragraphs = clause.Body.Split('\n');
            Assert.InRange(paragraphs.Length, 1, 3);
            Assert.True(clause.Body.Length >= 250, $"{clause.Title}: {clause.Body.Length} characters");
        }
    }

    [Fact]
    public void Default_Disbursements_StateTheCapsOfTheTranches()
    {
        var sexta = Version1().Clauses.Single(c => c.Title.StartsWith("SEXTA", StringComparison.Ordinal)).Body;

        Assert.Contains("(70 %)", sexta, StringComparison.Ordinal);
        Assert.Contains("(50 %) de su contrapartida", sexta, StringComparison.Ordinal);
        Assert.Contains("Superintendencia de Banca, Seguros y AFP (SBS)", sexta, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_Catalogue_HasUniqueWellFormedNamesWithDescriptions()
    {
        var names = ContractPlaceholders.All.Select(p => p.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(ContractPlaceholders.All, p =>
        {
            Assert.Matches("^[a-z0-9_]+$", p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
        });
        Assert.Contains("jefe_oficina_dni", names);
        Assert.Contains("monto_total_letras", names);
    }

    [Fact]
    public void Create_UnknownPlaceholder_IsRefusedWithTheFieldAndTheName()
    {
        var template = Create([Valid, new("SEGUNDA — PLAZO", "El plazo es de {plazo_dias} días y vence el {fecha}.")], out var errors);

        Assert.Null(template);
        var error = Assert.Single(errors);
        Assert.Equal(("Contract.UnknownPlaceholder", "Clauses[1].Body"), (error.Code, error.Field));
        Assert.Equal(["plazo_dias"], error.Arguments);
    }

    [Theory]
    [InlineData("La suma de {monto_total asciende")]
    [InlineData("La suma de {monto_total")]
    [InlineData("La suma de monto_total} asciende")]
    [InlineData("La suma de {Monto_Total} asciende")]
    [InlineData("La suma de {monto total} asciende")]
    [InlineData("La suma de {} asciende")]
    [InlineData("La suma de {{monto_total}} asciende")]
    public void Create_MalformedPlaceholder_IsRefusedAsBad(string body)
    {
        var template = Create([new("PRIMERA", body)], out var errors);

        Assert.Null(template);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(("Contract.BadPlaceholder", "Clauses[0].Body"), (e.Code, e.Field)));
    }

    [Fact]
    public void Create_BracesInATitle_AreRefused()
    {
        Create([new("PRIMERA — {organizacion}", "Texto.")], out var errors);

        Assert.Equal([("Contract.BadPlaceholder", "Clauses[0].Title")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Create_EveryProblem_IsReportedAtOnce()
    {
        Create([new(" ", "{x_y}"), new("SEGUNDA", " \n ")], out var errors);

        Assert.Equal(
            [("Validation.Required", "Clauses[0].Title"), ("Contract.UnknownPlaceholder", "Clauses[0].Body"), ("Validation.Required", "Clauses[1].Body")],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Create_NoClauses_IsRefused()
    {
        Create([], out var errors);

        Assert.Equal([("Contract.NoClauses", "Clauses")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Create_FortyClauses_AreAccepted_FortyOne_Refused()
    {
        Assert.NotNull(Create(Enumerable.Repeat(Valid, ContractTemplate.MaxClauses).ToList(), out var none));
        Assert.Empty(none);

        Create(Enumerable.Repeat(Valid, ContractTemplate.MaxClauses + 1).ToList(), out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(("Contract.TooManyClauses", "Clauses"), (error.Code, error.Field));
        Assert.Equal([ContractTemplate.MaxClauses], error.Arguments);
    }

    [Fact]
    public void Create_TitleAndBodyLimits_AreTheirMaxLengths()
    {
        var longest = new ContractClause(new string('T', ContractTemplate.TitleMaxLength), new string('b', ContractTemplate.BodyMaxLength));
        Assert.NotNull(Create([longest], out var none));
        Assert.Empty(none);

        Create([new(new string('T', ContractTemplate.TitleMaxLength + 1), new string('b', ContractTemplate.BodyMaxLength + 1))], out var errors);

        Assert.Equal([("Validation.MaxLength", "Clauses[0].Title"), ("Validation.MaxLength", "Clauses[0].Body")], errors.Select(e => (e.Code, e.Field)));
        Assert.Equal(ContractTemplate.BodyMaxLength, errors[1].Arguments[1]);
    }

    [Fact]
    public void Create_KeepsParagraphs_TrimsThem_AndDropsBlankLines()
    {
        var template = Create([new("  PRIMERA   — OBJETO ", "  Primer   párrafo. \r\n\r\n  Segundo párrafo.\n")], out _);

        var clause = Assert.Single(template!.Clauses);
        Assert.Equal("PRIMERA — OBJETO", clause.Title);
        Assert.Equal("Primer párrafo.\nSegundo párrafo.", clause.Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Create_VersionBelowOne_Throws(int version) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create([Valid], out _, version));

    [Fact]
    public void Create_VersionTwoWithoutANote_IsRefused()
    {
        Create([Valid], out var errors, version: 2, note: "  ");

        Assert.Equal([("Validation.Required", "Note")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void NextVersion_IsANewTemplate_TheOldOneUnchanged()
    {
        var v1 = Version1();
        var clauses = v1.Clauses.Append(new ContractClause("DUODÉCIMA — DOMICILIO", "Las partes señalan domicilio en {lugar}.")).ToList();
        var errors = new List<DomainError>();

        var v2 = v1.NextVersion(clauses, "Se agrega la cláusula de domicilio.", OfficerId, Now.AddDays(1), errors);

        Assert.Empty(errors);
        Assert.NotNull(v2);
        Assert.NotSame(v1, v2);
        Assert.Equal((2, "Se agrega la cláusula de domicilio.", OfficerId, Now.AddDays(1)), (v2.Version, v2.Note, v2.CreatedByUserId, v2.CreatedUtc));
        Assert.Equal(12, v2.Clauses.Count);
        Assert.Equal(11, v1.Clauses.Count);
        Assert.Equal(1, v1.Version);
    }

    [Fact]
    public void NextVersion_WithoutANote_OrWithTheSameClauses_IsRefused()
    {
        var v1 = Version1();
        var errors = new List<DomainError>();

        Assert.Null(v1.NextVersion([Valid], null, OfficerId, Now, errors));
        Assert.Null(v1.NextVersion(v1.Clauses, "Nada cambia.", OfficerId, Now, errors));

        Assert.Equal([("Validation.Required", "Note"), ("Contract.Unchanged", "Clauses")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void NextVersion_WithABadPlaceholder_IsRefused()
    {
        var errors = new List<DomainError>();

        Assert.Null(Version1().NextVersion([new("PRIMERA", "{banco_nuevo}")], "Cambio.", OfficerId, Now, errors));

        Assert.Equal(["Contract.UnknownPlaceholder"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Fill_ReplacesEveryPlaceholder_AndLeavesTheRestAsWritten()
    {
        var template = Create([new("PRIMERA — OBJETO", "Dona a {organizacion} (RUC {organizacion_ruc}) {monto_proyecto}; {organizacion} acepta.\nSegundo: 50 % y «comillas».")],
            out _)!;

        var filled = template.Fill(new Dictionary<string, string>
        {
            ["organizacion"] = "Asociación Señor de Ñahuinlla",
            ["organizacion_ruc"] = "20601234567",
            ["monto_proyecto"] = "S/ 12,500.00",
        });

        var clause = Assert.Single(filled);
        Assert.Equal("PRIMERA — OBJETO", clause.Title);
        Assert.Equal("Dona a Asociación Señor de Ñahuinlla (RUC 20601234567) S/ 12,500.00; Asociación Señor de Ñahuinlla acepta.\nSegundo: 50 % y «comillas».",
            clause.Body);
    }

    [Fact]
    public void Fill_MissingOrBlankValues_PrintALineToFillIn()
    {
        var template = Create([new("PRIMERA", "Jefe {jefe_oficina}, DNI N.° {jefe_oficina_dni}, {programa}.")], out _)!;

        var filled = template.Fill(new Dictionary<string, string> { ["jefe_oficina"] = "Víctor Peña", ["jefe_oficina_dni"] = "  " });

        Assert.Equal("Jefe Víctor Peña, DNI N.° ________, ________.", filled[0].Body);
        Assert.Equal(ContractPlaceholders.Blank, "________");
    }

    [Fact]
    public void Fill_AValueWithBraces_IsNotExpandedAgain()
    {
        var template = Create([new("PRIMERA", "Organización: {organizacion}; lugar: {lugar}.")], out _)!;

        var filled = template.Fill(new Dictionary<string, string> { ["organizacion"] = "Grupo {lugar} {x", ["lugar"] = "Asillo" });

        Assert.Equal("Organización: Grupo {lugar} {x; lugar: Asillo.", filled[0].Body);
    }

    [Fact]
    public void Fill_TheDefault_LeavesNoBraces()
    {
        var values = ContractPlaceholders.All.ToDictionary(p => p.Name, p => "<" + p.Name + ">");

        var filled = Version1().Fill(values);

        Assert.All(filled, c => Assert.DoesNotContain('{', c.Body));
        Assert.All(filled, c => Assert.DoesNotContain('}', c.Body));
        Assert.Contains("<monto_total_letras>", string.Concat(filled.Select(c => c.Body)), StringComparison.Ordinal);
    }

    [Fact]
    public void PlaceholdersIn_ListsNamesInOrder_SkippingMalformedOnes()
    {
        Assert.Equal(["fecha", "lugar", "fecha"], ContractPlaceholders.In("{fecha} en {lugar} {Mal} {roto el {fecha}"));
    }
}
