using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;

// Shared with tests/Contests.Benchmarks (linked there: the benchmark measures the contract these tests check).
namespace Contests.Web.Tests.Documents;

/// <summary>
/// A realistic contract: the default template filled for an organization of Chumbivilcas with twelve components,
/// S/ 12,500.00 from the project and S/ 3,125.00 of counterpart (80 % / 20 %), two tranches, and an office chief whose
/// DNI is left blank (printed as a line to fill in).
/// </summary>
internal static class ContractSamples
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
