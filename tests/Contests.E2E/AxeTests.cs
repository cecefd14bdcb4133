namespace Contests.E2E;

/// <summary>
/// The crawl's accessibility check (<see cref="Axe"/>) is only worth its silence if it speaks up: on a page with
/// known faults it must name them.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AxeTests(AppServer server) : BrowserTest(server)
{
    [Fact]
    public Task Axe_names_the_faults_of_a_page_that_has_them_and_none_on_a_clean_one() =>
        InBrowserAsync(async page =>
        {
            await page.SetContentAsync("""
                <html><head><title>Prueba</title></head><body><main>
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                <p style="color:#bbb;background:#fff">Texto pálido</p>
                <input type="text">
                </main></body></html>
                """);
            var faults = await Axe.ViolationsAsync(page);
            var ids = faults.Select(v => v.Id).ToArray();
            Assert.Contains("html-has-lang", ids);
            Assert.Contains("image-alt", ids);
            Assert.Contains("color-contrast", ids);
            Assert.Contains("label", ids);
            Assert.All(faults, f => Assert.NotEmpty(f.Nodes));

            await page.SetContentAsync("""
                <html lang="es"><head><title>Prueba</title></head><body><main>
                <h1>Limpia</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Punto">
                <label for="n">Nombre</label><input id="n" type="text">
                </main></body></html>
                """);
            Assert.Empty(await Axe.ViolationsAsync(page));
        });
}
