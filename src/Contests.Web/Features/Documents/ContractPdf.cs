using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Auditing;
using Contests.Core.Documents;
using Contests.Web.Infrastructure.Pdf;

namespace Contests.Web.Features.Documents;

/// <summary>One disbursement tranche as the contract prints it.</summary>
/// <param name="Name">"Primer tramo".</param>
/// <param name="Percent">Share of the project's contribution, in per cent (70 for 70 %).</param>
/// <param name="Amount">The amount, in soles.</param>
/// <param name="Condition">When it is paid, in words.</param>
public sealed record ContractTranche(string Name, decimal Percent, decimal Amount, string Condition);

/// <summary>One who signs the contract.</summary>
/// <param name="Name">Full name.</param>
/// <param name="Dni">DNI; null or blank prints a line to fill in by hand.</param>
/// <param name="Role">The role printed under the name ("Jefe(a) de la Oficina Local").</param>
public sealed record ContractSigner(string Name, string? Dni, string Role);

/// <summary>Everything one donation contract prints.</summary>
/// <param name="Number">The document number ("CDC-2026-000017").</param>
/// <param name="Code">The whole verification code (id and signature).</param>
/// <param name="VerifyUrl">Where its QR code points.</param>
/// <param name="Programme">The programme (donor).</param>
/// <param name="Office">The local office.</param>
/// <param name="Organization">The recipient organization's name.</param>
/// <param name="Clauses">The template's clauses, already filled (<see cref="ContractTemplate.Fill"/>).</param>
/// <param name="Components">The plan's components; the table adds a totals row.</param>
/// <param name="Tranches">The disbursement tranches.</param>
/// <param name="Bank">The SBS-regulated institution of the organization's account.</param>
/// <param name="Account">The account number.</param>
/// <param name="Cci">The account's CCI.</param>
/// <param name="Place">Where it is signed.</param>
/// <param name="Date">When it is signed.</param>
/// <param name="OfficeChief">The local office chief, for the project.</param>
/// <param name="President">The organization's president.</param>
/// <param name="Treasurer">The organization's treasurer.</param>
/// <param name="IssuedUtc">When it was issued (the PDF's dates: same input, same bytes).</param>
public sealed record ContractDocument(string Number, string Code, string VerifyUrl, string Programme, string Office, string Organization,
    IReadOnlyList<ContractClause> Clauses, IReadOnlyList<ContractComponent> Components, IReadOnlyList<ContractTranche> Tranches,
    string Bank, string Account, string Cci, string Place, DateOnly Date, ContractSigner OfficeChief, ContractSigner President,
    ContractSigner Treasurer, DateTime IssuedUtc)
{
    /// <summary>The audit chain's head when it was issued, printed in the header under the verification code (none on a preview).</summary>
    public AuditAnchor? Anchor { get; init; }
}

/// <summary>
/// The <i>contrato de donación con cargo</i>, A4 portrait, in Spanish: the header with the QR code of its verification
/// page, the title and number, the clauses (justified serif), the components table after the clause CUARTA and the
/// tranches table after the clause SEXTA (or, when an edited template has no such clause, as annexes at the end), then
/// place and date and the signatures of the office chief, the president and the treasurer; "Página i de N" on every page.
/// </summary>
public static class ContractPdf
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    /// <summary>Body size: 10.5 pt serif, as the programme's printed contracts.</summary>
    private const double BodySize = 10.5;
    private const double TableSize = 9;
    private const double QrSize = 62;

    /// <summary>Room for "Lugar y fecha" and the two signature rows (≈ 110 pt each).</summary>
    private const double SignaturesHeight = 240;

    /// <summary>The header of the components table's first column; also what shows the table's header repeats.</summary>
    public const string ComponentHeader = "Componente";

    private static readonly TableColumn[] ComponentColumns =
    [
        new(ComponentHeader, 2.9),
        new("Proyecto", 1.55, CellAlign.Right),
        new("Organización", 1.55, CellAlign.Right),
        new("Total", 1.55, CellAlign.Right),
        new("% Proy.", 0.95, CellAlign.Right),
        new("% Org.", 0.95, CellAlign.Right),
    ];

    private static readonly TableColumn[] TrancheColumns =
    [
        new("Tramo", 1.3),
        new("%", 0.7, CellAlign.Right),
        new("Monto", 1.3, CellAlign.Right),
        new("Condición del desembolso", 4.5),
    ];

    public static byte[] Render(ContractDocument c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var issued = LimaTime.FromUtc(c.IssuedUtc);
        using var pdf = new PdfLayout(new PdfLayoutOptions
        {
            MarginLeft = 64, MarginRight = 64, MarginTop = 52, MarginBottom = 56,
            Title = $"Contrato de donación con cargo {c.Number}", Author = c.Programme, Subject = c.Organization,
            FontFamily = PdfFonts.Serif, FontSize = BodySize, ParagraphSpacing = 5,
            CreationDate = issued, ModificationDate = issued,
            PageLabel = (i, n) => string.Create(Spanish, $"Página {i} de {n}"),
        });
        Header(pdf, c);
        pdf.Paragraph($"CONTRATO DE DONACIÓN CON CARGO\nN.° {c.Number}", new TextStyle(Size: 14, Bold: true, Align: TextAlign.Center, SpaceAfter: 10));

        var body = new TextStyle(Align: TextAlign.Justify);
        var componentsAt = IndexOf(c.Clauses, "CUARTA");
        var tranchesAt = IndexOf(c.Clauses, "SEXTA");
        for (var i = 0; i < c.Clauses.Count; i++)
        {
            var clause = c.Clauses[i];
            pdf.Heading(clause.Title, 2);
            foreach (var paragraph in clause.Body.Split('\n'))
            {
                pdf.Paragraph(Bind(paragraph), body);
            }
            if (i == componentsAt)
            {
                Components(pdf, c);
            }
            if (i == tranchesAt)
            {
                Tranches(pdf, c);
            }
        }
        if (componentsAt < 0)
        {
            pdf.Heading("ANEXO — CUADRO DE COMPONENTES", 2);
            Components(pdf, c);
        }
        if (tranchesAt < 0)
        {
            pdf.Heading("ANEXO — DESEMBOLSOS", 2);
            Tranches(pdf, c);
        }

        pdf.Spacer(6);
        // Place and date stay on the page of the signatures.
        pdf.EnsureSpace(SignaturesHeight);
        pdf.Paragraph($"Lugar y fecha: {c.Place}, {DateOf(c.Date)}.", new TextStyle(SpaceAfter: 4));
        // Two blocks: the donor's representative alone, then the organization's two; three in one row would wrap every name.
        pdf.SignatureBlock([Signer(c.OfficeChief)]);
        pdf.SignatureBlock([Signer(c.President), Signer(c.Treasurer)]);
        return pdf.ToBytes();
    }

    /// <summary>"S/ 12,500.00", the symbol kept with the number (no-break space).</summary>
    public static string Amount(decimal amount) => Money.Of(amount).ToString(Spanish).Replace(' ', '\u00A0');

    /// <summary>"12,500.00" for table cells whose header names the currency.</summary>
    public static string Figure(decimal amount) => amount.ToString("N2", Spanish);

    /// <summary>"70 %", "66.67 %": up to two decimals, a no-break space before the sign.</summary>
    public static string Percent(decimal percent) => percent.ToString("0.##", Spanish) + "\u00A0%";

    /// <summary>"24 de noviembre de 2026".</summary>
    public static string DateOf(DateOnly date) => CertificatePdf.DateOf(date);

    /// <summary>The share of <paramref name="part"/> in <paramref name="whole"/>, in per cent to two decimals (0 when the whole is 0).</summary>
    public static decimal Share(decimal part, decimal whole) =>
        whole == 0 ? 0 : decimal.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>Programme and office at the left, the QR code at the right, the verification address below.</summary>
    private static void Header(PdfLayout pdf, ContractDocument c)
    {
        var top = pdf.ContentTop;
        var textWidth = pdf.ContentWidth - QrSize - 12;
        var y = pdf.DrawTextAt(c.Programme, pdf.ContentLeft, top + 6, textWidth, new TextStyle(Size: 12, Bold: true));
        y = pdf.DrawTextAt(c.Office, pdf.ContentLeft, y + 1, textWidth, new TextStyle(Size: 10));
        var small = new TextStyle(Size: 7.5);
        y = pdf.DrawTextAt("Verifique la autenticidad de este contrato escaneando el código QR o en:", pdf.ContentLeft, y + 6, textWidth, small);
        y = pdf.DrawTextAt(c.VerifyUrl, pdf.ContentLeft, y, textWidth, small with { Bold = true });
        y = pdf.DrawTextAt($"Código de verificación: {CertificatePdf.Grouped(c.Code)}", pdf.ContentLeft, y, textWidth, small);
        if (c.Anchor is not null)
        {
            y = pdf.DrawTextAt(AuditAnchorText.Of(c.Anchor), pdf.ContentLeft, y, textWidth, small);
        }
        pdf.DrawQrAt(c.VerifyUrl, pdf.ContentLeft + pdf.ContentWidth - QrSize, top, QrSize);
        pdf.CurrentY = Math.Max(y, top + QrSize) + 12;
    }

    private static void Components(PdfLayout pdf, ContractDocument c)
    {
        var rows = new List<IReadOnlyList<string>>(c.Components.Count + 1);
        foreach (var k in c.Components)
        {
            rows.Add([k.Name, Figure(k.Project), Figure(k.Counterpart), Figure(k.Total), Percent(Share(k.Project, k.Total)), Percent(Share(k.Counterpart, k.Total))]);
        }
        var project = c.Components.Sum(k => k.Project);
        var counterpart = c.Components.Sum(k => k.Counterpart);
        var total = project + counterpart;
        rows.Add(["TOTAL", Figure(project), Figure(counterpart), Figure(total), Percent(Share(project, total)), Percent(Share(counterpart, total))]);
        pdf.Paragraph("Cuadro de componentes del plan (montos en S/)", new TextStyle(Size: TableSize, Bold: true, SpaceAfter: 3));
        pdf.Table(ComponentColumns, rows, new TableOptions { FontSize = TableSize, BoldLastRow = true, SpaceAfter = 8 });
    }

    private static void Tranches(PdfLayout pdf, ContractDocument c)
    {
        var rows = c.Tranches.Select(t => (IReadOnlyList<string>)[t.Name, Percent(t.Percent), Figure(t.Amount), Bind(t.Condition)]).ToList();
        pdf.Paragraph("Desembolsos del aporte de EL PROYECTO (montos en S/)", new TextStyle(Size: TableSize, Bold: true, SpaceAfter: 3));
        pdf.Table(TrancheColumns, rows, new TableOptions { FontSize = TableSize, SpaceAfter = 4 });
        pdf.Paragraph($"Cuenta de {c.Organization}: {c.Bank}, cuenta N.° {c.Account}, CCI N.° {c.Cci}.",
            new TextStyle(Size: 9, SpaceAfter: 8));
    }

    /// <summary>Keeps "S/", "N.°" and "%" on the same line as their number (no-break spaces).</summary>
    private static string Bind(string text) => text
        .Replace("S/ ", "S/\u00A0", StringComparison.Ordinal)
        .Replace("N.° ", "N.°\u00A0", StringComparison.Ordinal)
        .Replace(" %", "\u00A0%", StringComparison.Ordinal);

    private static (string Name, string Role) Signer(ContractSigner s) =>
        (s.Name, $"{s.Role}\nDNI N.° {(string.IsNullOrWhiteSpace(s.Dni) ? ContractPlaceholders.Blank : s.Dni)}");

    /// <summary>The clause whose title starts with the ordinal ("CUARTA"), or -1.</summary>
    private static int IndexOf(IReadOnlyList<ContractClause> clauses, string ordinal)
    {
        for (var i = 0; i < clauses.Count; i++)
        {
            var title = clauses[i].Title;
            if (title.StartsWith(ordinal, StringComparison.OrdinalIgnoreCase)
                && (title.Length == ordinal.Length || !char.IsLetter(title[ordinal.Length])))
            {
                return i;
            }
        }
        return -1;
    }
}
