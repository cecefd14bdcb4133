using System.Diagnostics;
using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;

namespace Contests.Benchmarks;

/// <summary>
/// One donation contract (design.md §6: a 4–6-page contract with tables and a QR code in ≤ 20 ms): the default template
/// filled for an organization with twelve components, two tranches and three signers — five A4 pages — rendered by
/// <see cref="ContractPdf.Render"/> (the layout, the vector QR code, two embedded DejaVu Serif subsets, regular and bold)
/// on one thread, each render timed with a <see cref="Stopwatch"/>. Untimed, before: 200 renders to warm up (JIT up to
/// the optimized tier, width caches). Untimed, after: the document is checked with <c>qpdf --check</c> (exit 0) and
/// <c>pdfinfo</c> (4–6 pages); a failed check exits 1.
/// </summary>
internal static class ContractBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    public static int Run(string[] args)
    {
        var count = 1_000;
        if (args is ["--count", var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var c) && c > 0)
        {
            count = c;
        }
        else if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: contract [--count 1000]");
            return 2;
        }
        var contract = Sample.Contract();
        for (var i = 0; i < 200; i++)
        {
            ContractPdf.Render(contract);
        }
        var times = new double[count];
        long bytes = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            bytes += ContractPdf.Render(contract).Length;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        total.Stop();
        Array.Sort(times);
        var mean = times.Average();
        var median = times[count / 2];
        var p95 = times[Math.Min(count - 1, (int)Math.Ceiling(count * 0.95) - 1)];

        var pdf = ContractPdf.Render(contract);
        var failures = Check(pdf, out var pages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} contracts of {pages} pages on one thread in {total.Elapsed.TotalSeconds:0.00} s, {bytes / count / 1024.0:0.0} KB each; load {Load()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| contract | {pages} pages | {count:N0} renders | mean **{mean:0.00} ms** | median {median:0.00} ms | p95 {p95:0.00} ms | min–max {times[0]:0.00}–{times[^1]:0.00} ms | {Environment.ProcessorCount} cores |"));
        Console.WriteLine(p95 <= Target.TotalMilliseconds && failures == 0
            ? "Target met: ≤ 20 ms per contract (p95), qpdf --check exit 0, 4–6 pages."
            : "Target MISSED (p95 above 20 ms, or a check failed).");
        return failures == 0 ? 0 : 1;
    }

    private static int Check(byte[] pdf, out int pages)
    {
        pages = 0;
        var file = Path.Combine(Path.GetTempPath(), "contests-contract-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var failures = 0;
            var (code, output) = Run("qpdf", "--check", file);
            if (code != 0)
            {
                failures++;
                Console.Error.WriteLine($"qpdf --check: exit {code}: {output}");
            }
            var (_, info) = Run("pdfinfo", file);
            var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            pages = line is null ? 0 : int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
            if (pages is < 4 or > 6)
            {
                failures++;
                Console.Error.WriteLine($"pdfinfo: {pages} pages, expected 4–6.");
            }
            return failures;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Code, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>The same contract as <c>ContractPdfTests</c> (tests/Contests.Web.Tests/Documents): five pages.</summary>
    private static class Sample
    {
        public const string Number = "CDC-2026-000017";
        public const string Programme = "Proyecto de Desarrollo Sierra Sur II";
        public const string Office = "Oficina Local de Chumbivilcas";
        public const string Organization = "Asociación de Productores Agropecuarios Señor de Ñahuinlla";

        public static readonly string Code = VerificationCode.Sign(VerificationCode.NewId([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), new byte[32]);

        public static readonly string VerifyUrl = Certificates.VerifyUrlOf("https://concursos.example.org", Code);

        public static readonly IReadOnlyList<ContractComponent> Components =
        [
            new("Mejoramiento de cobertizos para alpacas con techo de calamina, muros de adobe y puertas de madera en las estancias altas de la comunidad", 2_500m, 625m),
            new("Instalación de pastos cultivados asociados (rye grass, trébol blanco y dactylis) con riego por aspersión", 1_200m, 300m),
            new("Construcción de cercos de piedra para el manejo rotativo de praderas naturales y clausura de bofedales", 1_000m, 250m),
            new("Adquisición de reproductores machos de alpaca Huacaya seleccionados por finura y densidad de fibra", 1_100m, 275m),
            new("Botiquines veterinarios comunales y campañas de dosificación contra parásitos internos y externos", 900m, 225m),
            new("Capacitación de yachachiqs en esquila técnica, categorización y clasificación de fibra por calidades", 1_000m, 250m),
            new("Equipamiento del centro de acopio de fibra con mesas de clasificación, balanza y prensa enfardadora", 1_200m, 300m),
            new("Pasantía de socios y socias a experiencias exitosas de manejo de alpacas en Caylloma, Arequipa", 800m, 200m),
            new("Reservorios rústicos de agua y canales de conducción revestidos para el riego de pastos en secas", 1_100m, 275m),
            new("Asistencia técnica en sanidad animal, mejoramiento genético y registros productivos por familia", 900m, 225m),
            new("Fortalecimiento de la gestión de la organización: libros contables, estatuto y planes de negocio", 500m, 125m),
            new("Promoción comercial de la fibra y los derivados textiles en ferias regionales de Cusco y Arequipa", 300m, 75m),
        ];

        public static ContractDocument Contract()
        {
            var project = Components.Sum(c => c.Project);
            var counterpart = Components.Sum(c => c.Counterpart);
            var total = project + counterpart;
            var first = decimal.Round(project * 0.7m, 2);
            var date = new DateOnly(2026, 11, 24);
            const string Place = "Santo Tomás, Chumbivilcas";
            const string Bank = "Caja Municipal de Ahorro y Crédito Cusco S.A.";
            const string Account = "106-321-000456789";
            const string Cci = "00228500123456789012";
            var chief = new ContractSigner("Víctor Raúl Peña Gutiérrez", null, "Jefe(a) de la Oficina Local\nEL PROYECTO");
            var president = new ContractSigner("Eusebia Ñaupari Quispe", "41234567", "Presidente(a) de la organización");
            var treasurer = new ContractSigner("Julián Ccahuana Huamán", "42345678", "Tesorero(a) de la organización");
            var values = new Dictionary<string, string>
            {
                ["programa"] = Programme,
                ["oficina"] = Office,
                ["jefe_oficina"] = chief.Name,
                ["jefe_oficina_dni"] = string.Empty,
                ["organizacion"] = Organization,
                ["organizacion_ruc"] = "20601234567",
                ["presidente"] = president.Name,
                ["presidente_dni"] = president.Dni!,
                ["tesorero"] = treasurer.Name,
                ["tesorero_dni"] = treasurer.Dni!,
                ["fuente_financiamiento"] = "recursos del Convenio de Préstamo N.° 799-PE entre la República del Perú y el FIDA",
                ["acta_numero"] = "031-2026-CLAR-OL-CHUMBIVILCAS",
                ["acta_fecha"] = ContractPdf.DateOf(new DateOnly(2026, 11, 20)),
                ["concurso"] = "Concurso de Planes de Negocio 2026 de la Oficina Local de Chumbivilcas",
                ["plan_titulo"] = "Crianza mejorada de alpacas y calidad de la fibra en las estancias de la comunidad",
                ["monto_proyecto"] = ContractPdf.Amount(project),
                ["monto_proyecto_letras"] = AmountInWords.Soles(project),
                ["monto_contrapartida"] = ContractPdf.Amount(counterpart),
                ["monto_contrapartida_letras"] = AmountInWords.Soles(counterpart),
                ["monto_total"] = ContractPdf.Amount(total),
                ["monto_total_letras"] = AmountInWords.Soles(total),
                ["porcentaje_proyecto"] = ContractPdf.Percent(ContractPdf.Share(project, total)),
                ["porcentaje_contrapartida"] = ContractPdf.Percent(ContractPdf.Share(counterpart, total)),
                ["plazo_meses"] = "diez (10)",
                ["primer_tramo_porcentaje"] = ContractPdf.Percent(70),
                ["segundo_tramo_porcentaje"] = ContractPdf.Percent(30),
                ["banco"] = Bank,
                ["cuenta"] = Account,
                ["cci"] = Cci,
                ["lugar"] = Place,
                ["fecha"] = ContractPdf.DateOf(date),
            };
            var template = ContractTemplate.Default(1, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
            return new ContractDocument(Number, Code, VerifyUrl, Programme, Office, Organization, template.Fill(values), Components,
            [
                new("Primer tramo", 70m, first,
                    "A la firma del contrato, acreditado el depósito de no menos del 50 % de la contrapartida de la organización."),
                new("Segundo tramo", 30m, project - first,
                    "Aprobado el avance por el CLAR y rendido no menos del 70 % del primer tramo."),
            ],
                Bank, Account, Cci, Place, date, chief, president, treasurer, new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc));
        }
    }
}
