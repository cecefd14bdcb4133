using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// An officer imports a spreadsheet of households: a file with one bad row is refused whole, with that
/// row reported (and downloadable); the corrected file imports every row.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class HouseholdImportTests(AppServer server) : BrowserTest(server)
{
    private const int Rows = 300;
    private const int BadRow = 250;

    // Distinct from the demo DNIs (41,000,000 and up) and from the other browser tests.
    private static string Csv(bool withBadRow)
    {
        var csv = new StringBuilder("comunidad,ubigeo,nombres,apellidos,dni,sexo,anio_nacimiento,conyuge_nombres,conyuge_apellidos,conyuge_dni,conyuge_sexo,miembros,telefono\r\n");
        for (var i = 1; i <= Rows; i++)
        {
            var dni = (withBadRow && i == BadRow ? 3_120_000 + i : 31_200_000 + i).ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"Antilla,030104,Florencia,Huarcaya Ccoyllo,{dni},F,1975,,,,,3,\r\n");
        }
        return csv.ToString();
    }

    [Fact]
    public Task Officer_imports_a_file_after_fixing_the_one_row_the_report_points_to() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await page.GotoAsync("/registry");
            await page.GetByRole(AriaRole.Link, new() { Name = "Importar desde CSV", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry/import$"));

            await page.Locator("input[name=kind][value=Households]").CheckAsync();
            await page.Locator("#file").SetInputFilesAsync(new FilePayload
            {
                Name = "familias-antilla.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv(withBadRow: true)),
            });
            await page.Locator("main form button[type=submit]").ClickAsync();

            // Refused whole: the row as the spreadsheet numbers it (header = row 1), the column, why.
            await Expect(page.Locator("#report .flash.error")).ToContainTextAsync($"No se importó nada: 1 de {Rows} filas");
            var problem = page.Locator("#report table.list tbody tr");
            await Expect(problem).ToHaveCountAsync(1);
            await Expect(problem.Locator("td").Nth(0)).ToHaveTextAsync((BadRow + 1).ToString(CultureInfo.InvariantCulture));
            await Expect(problem.Locator("td").Nth(1)).ToHaveTextAsync("dni");
            await Expect(problem.Locator("td").Nth(2)).ToContainTextAsync("El DNI tiene 8 dígitos y aquí hay 7");
            await Expect(page.Locator("#report a[download]")).ToHaveAttributeAsync("href", new Regex("^data:text/csv"));

            await page.Locator("#file").SetInputFilesAsync(new FilePayload
            {
                Name = "familias-antilla.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv(withBadRow: false)),
            });
            await page.Locator("main form button[type=submit]").ClickAsync();

            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync($"Se importaron {Rows} registros de familias");
            await page.GotoAsync("/registry/households?q=" + (31_200_000 + BadRow).ToString(CultureInfo.InvariantCulture));
            await Expect(page.Locator("main table.list tbody tr")).ToHaveCountAsync(1);
        }, Phone);
}
