using Contests.Web.Features.Registry.Import;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Contests.Web.Tests.Registry;

/// <summary>
/// The edge's rule for a CSV row (<see cref="ImportCells"/>) on the import's hot path: a row whose cells are already
/// composed is not copied (100,000 rows would be copied for nothing), a changed cell is, and a refused cell names
/// its column from the array made once per file.
/// </summary>
public sealed class ImportCellsTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static readonly string[] Columns = ImportCells.ColumnNames(3, i => i == 1 ? "nombres" : null);

    [Fact]
    public void ColumnNames_KnownColumnsByHeader_OthersByNumberFromOne() =>
        Assert.Equal(["1", "nombres", "3"], Columns);

    [Fact]
    public void Read_CellsAlreadyComposed_ReturnsTheSameRecord_NotACopy()
    {
        var record = new CsvRecord(2, ["030101", "Ñaupari Quispe", "José"]);
        var problems = new List<ImportProblem>();

        var read = ImportCells.Read(record, Columns, problems.Add, Localizer);

        Assert.Same(record.Fields, read!.Value.Fields);
        Assert.Empty(problems);
    }

    [Fact]
    public void Read_ADecomposedCell_IsComposed_InACopy_TheFileRecordUntouched()
    {
        var decomposed = "N\u0303aupari";
        var record = new CsvRecord(2, ["030101", decomposed, "José"]);

        var read = ImportCells.Read(record, Columns, _ => Assert.Fail("nothing to refuse"), Localizer);

        Assert.NotSame(record.Fields, read!.Value.Fields);
        Assert.Equal(["030101", "Ñaupari", "José"], read.Value.Fields);
        Assert.Equal(decomposed, record.Fields[1]);
    }

    [Fact]
    public void Read_ARefusedCell_IsAProblemOfItsRowAndColumn_EvenBeyondTheHeader()
    {
        var record = new CsvRecord(7, ["030101", "Ro\0sa", "José", "x\u202Ey"]);
        var problems = new List<ImportProblem>();

        Assert.Null(ImportCells.Read(record, Columns, problems.Add, Localizer));
        Assert.Equal([(7, "nombres"), (7, "4")], problems.Select(p => (p.Row, p.Column)));
    }
}
