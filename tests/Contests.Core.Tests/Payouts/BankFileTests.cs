using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>A batch's bank files: the ISO 20022 pain.001.001.03 document and the same lines as CSV.</summary>
public sealed partial class BankFileTests
{
    private static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    /// <summary>22:00 in Lima on the 10th, already the 11th in UTC.</summary>
    private static readonly DateTime ExecuteAt = new(2026, 3, 11, 3, 0, 0, DateTimeKind.Utc);

    private static readonly Debtor Debtor = new("Programa Sierra Productiva — Apurímac", "00-068-000123456", "BANCPEPL");

    private static readonly string[] Names = ["María Quispe Ñaupari", "Asociación de Productores Señor de Qoyllur Rit'i", "José Huamán Cáceres"];
    private static readonly decimal[] Amounts = [1_200.50m, 700.01m, 0.10m];

    private static (PayoutBatch Batch, BankLine[] Lines) Batch(Debtor? debtor = null, string[]? names = null)
    {
        names ??= Names;
        var payouts = names.Select((name, i) => Approved(Amounts[i % Amounts.Length], entryNumber: i + 1, name: name)).ToList();
        var (result, batch) = PayoutBatch.Create(payouts, ExecuteAt, debtor ?? Debtor, OfficerId, Now);
        Succeeds(result);
        BankLine[] lines = [.. payouts.Select(p =>
            new BankLine(p.EndToEndId, p.Amount, p.CreditorName!, p.BankName!, p.AccountNumber!, p.Cci!, $"Premio {p.EndToEndId}"))];
        return (batch!, lines);
    }

    private static byte[] Xml(PayoutBatch batch, IReadOnlyList<BankLine> lines)
    {
        using var stream = new MemoryStream();
        BankFile.WritePain001(stream, batch, lines);
        return stream.ToArray();
    }

    private static XDocument Written(Debtor? debtor = null, string[]? names = null)
    {
        var (batch, lines) = Batch(debtor, names);
        using var stream = new MemoryStream(Xml(batch, lines));
        return XDocument.Load(stream);
    }

    private static XElement Initiation(XDocument document) => document.Root!.Element(Ns + "CstmrCdtTrfInitn")!;

    private static XElement Header(XDocument document) => Initiation(document).Element(Ns + "GrpHdr")!;

    private static XElement PaymentInformation(XDocument document) => Assert.Single(Initiation(document).Elements(Ns + "PmtInf"));

    private static List<XElement> Transactions(XDocument document) => [.. PaymentInformation(document).Elements(Ns + "CdtTrfTxInf")];

    private static string[] ChildNames(XElement element) => [.. element.Elements().Select(e => e.Name.LocalName)];

    private static string Value(XElement element, params string[] path) =>
        path.Aggregate(element, (e, name) => e.Element(Ns + name) ?? throw new InvalidOperationException($"No {name} in {e.Name.LocalName}")).Value;

    private static string Csv(IReadOnlyList<BankLine> lines)
    {
        using var stream = new MemoryStream();
        BankFile.WriteCsv(stream, lines);
        return new UTF8Encoding(false, true).GetString(stream.ToArray());
    }

    private static BankLine Line(string creditor = "María Quispe Ñaupari", decimal amount = 1_200.50m, string remittance = "Premio R12E1T1V1") =>
        new("R12E1T1V1", amount, creditor, "Banco de la Nación", "04-123-456789", "01812300041234567890", remittance);

    [GeneratedRegex("^[0-9]+\\.[0-9]{2}$")]
    private static partial Regex TwoDecimals();

    [Fact]
    public void WritePain001_PassesTheStructureCheck()
    {
        Assert.Empty(Pain001Structure.Check(Written()));
    }

    [Fact]
    public void WritePain001_IsADocumentInThePain001Namespace()
    {
        var document = Written();

        Assert.Equal("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03", BankFile.Pain001Namespace);
        Assert.Equal(Ns + "Document", document.Root!.Name);
        Assert.Equal(["CstmrCdtTrfInitn"], ChildNames(document.Root));
        Assert.All(document.Root.DescendantsAndSelf(), e => Assert.Equal(Ns, e.Name.Namespace));
    }

    [Fact]
    public void WritePain001_GroupHeader_HasItsChildrenInSchemaOrder()
    {
        var header = Header(Written());

        Assert.Equal(["MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty"], ChildNames(header));
        Assert.Equal(["GrpHdr", "PmtInf"], ChildNames(Initiation(header.Document!)));
    }

    [Fact]
    public void WritePain001_OnePaymentInformation_WithItsChildrenInSchemaOrder()
    {
        var block = PaymentInformation(Written());

        Assert.Equal(["PmtInfId", "PmtMtd", "BtchBookg", "NbOfTxs", "CtrlSum", "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt", "ChrgBr",
            "CdtTrfTxInf", "CdtTrfTxInf", "CdtTrfTxInf"], ChildNames(block));
    }

    [Fact]
    public void WritePain001_EachTransaction_HasItsChildrenInSchemaOrder()
    {
        var transactions = Transactions(Written());

        Assert.Equal(3, transactions.Count);
        Assert.All(transactions, t => Assert.Equal(["PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf"], ChildNames(t)));
    }

    [Fact]
    public void WritePain001_CountsAndControlSums_AgreeWithTheTransactions()
    {
        var document = Written();
        var amounts = Transactions(document).Select(t => t.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!).ToList();
        var sum = amounts.Sum(a => decimal.Parse(a.Value, CultureInfo.InvariantCulture));

        Assert.Equal("3", Value(Header(document), "NbOfTxs"));
        Assert.Equal("3", Value(PaymentInformation(document), "NbOfTxs"));
        Assert.Equal("1900.61", Value(Header(document), "CtrlSum"));
        Assert.Equal("1900.61", Value(PaymentInformation(document), "CtrlSum"));
        Assert.Equal(1_900.61m, sum);
    }

    [Fact]
    public void WritePain001_EveryAmount_IsInSolesWithTwoDecimals()
    {
        var amounts = Transactions(Written()).Select(t => t.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!).ToList();

        Assert.Equal(["1200.50", "700.01", "0.10"], amounts.Select(a => a.Value));
        Assert.All(amounts, a => Assert.Equal("PEN", a.Attribute("Ccy")?.Value));
        Assert.All(amounts, a => Assert.Matches(TwoDecimals(), a.Value));
    }

    [Fact]
    public void WritePain001_EndToEndIds_AreThePayoutsInOrder_UniqueAndShort()
    {
        var (batch, lines) = Batch();
        using var stream = new MemoryStream(Xml(batch, lines));
        var document = XDocument.Load(stream);

        var ids = Transactions(document).Select(t => Value(t, "PmtId", "EndToEndId")).ToList();

        Assert.Equal(lines.Select(l => l.EndToEndId), ids);
        Assert.Equal(["R12E1T1V1", "R12E2T1V1", "R12E3T1V1"], ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.InRange(id.Length, 1, 35));
    }

    [Fact]
    public void WritePain001_MessageIdAndPaymentInformationId_ComeFromTheBatch()
    {
        var (batch, lines) = Batch();
        using var stream = new MemoryStream(Xml(batch, lines));
        var document = XDocument.Load(stream);

        Assert.Equal(batch.MessageId, Value(Header(document), "MsgId"));
        Assert.Equal("CONTESTS-B000000", Value(Header(document), "MsgId"));
        Assert.InRange(Value(Header(document), "MsgId").Length, 1, 35);
        Assert.Equal("CONTESTS-B000000-1", Value(PaymentInformation(document), "PmtInfId"));
    }

    [Fact]
    public void WritePain001_Times_AreLimaTimes()
    {
        var document = Written();

        // Created 15:00 UTC is 10:00 in Lima; executed 03:00 UTC on the 11th is still the 10th in Lima.
        Assert.Equal("2026-03-10T10:00:00-05:00", Value(Header(document), "CreDtTm"));
        Assert.Equal("2026-03-10", Value(PaymentInformation(document), "ReqdExctnDt"));
    }

    [Fact]
    public void WritePain001_Debtor_IsTheProgrammeAccount()
    {
        var block = PaymentInformation(Written());

        Assert.Equal(Debtor.Name, Value(Header(block.Document!), "InitgPty", "Nm"));
        Assert.Equal(Debtor.Name, Value(block, "Dbtr", "Nm"));
        Assert.Equal("00-068-000123456", Value(block, "DbtrAcct", "Id", "Othr", "Id"));
        Assert.Equal("PEN", Value(block, "DbtrAcct", "Ccy"));
        Assert.Equal("BANCPEPL", Value(block, "DbtrAgt", "FinInstnId", "BIC"));
        Assert.Equal(("TRF", "false", "SLEV"), (Value(block, "PmtMtd"), Value(block, "BtchBookg"), Value(block, "ChrgBr")));
    }

    [Fact]
    public void WritePain001_DebtorBankWithoutBic_IsNotProvided()
    {
        var document = Written(Debtor with { Bic = null });

        var agent = PaymentInformation(document).Element(Ns + "DbtrAgt")!.Element(Ns + "FinInstnId")!;

        Assert.Equal(["Othr"], ChildNames(agent));
        Assert.Equal("NOTPROVIDED", Value(agent, "Othr", "Id"));
        Assert.Empty(Pain001Structure.Check(document));
    }

    [Fact]
    public void WritePain001_Creditor_IsTheApprovedAccountByItsCci()
    {
        var transaction = Transactions(Written())[0];

        Assert.Equal("María Quispe Ñaupari", Value(transaction, "Cdtr", "Nm"));
        Assert.Equal("01812300041234567890", Value(transaction, "CdtrAcct", "Id", "Othr", "Id"));
        Assert.Equal("CCI", Value(transaction, "CdtrAcct", "Id", "Othr", "SchmeNm", "Prtry"));
        Assert.Equal("Banco de la Nación", Value(transaction, "CdtrAgt", "FinInstnId", "Nm"));
        Assert.Equal("Premio R12E1T1V1", Value(transaction, "RmtInf", "Ustrd"));
    }

    [Fact]
    public void WritePain001_Twice_GivesTheSameBytes()
    {
        var (batch, lines) = Batch();

        var first = Xml(batch, lines);
        var second = Xml(batch, lines);

        Assert.Equal(first, second);
    }

    [Fact]
    public void WritePain001_SameBatchInAnotherCulture_GivesTheSameBytes()
    {
        var (batch, lines) = Batch();
        var invariant = Xml(batch, lines);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("es-ES");
            Assert.Equal(invariant, Xml(batch, lines));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void WritePain001_IsUtf8WithoutBom_AndSpanishLettersSurvive()
    {
        var (batch, lines) = Batch();
        var bytes = Xml(batch, lines);
        var text = new UTF8Encoding(false, true).GetString(bytes);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("María Quispe Ñaupari", text, StringComparison.Ordinal);
        Assert.Contains("Cáceres", text, StringComparison.Ordinal);
        // ñ as its two UTF-8 bytes, not an entity or a question mark.
        Assert.Contains("Ñaupari", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0x91]) >= 0);
        using var stream = new MemoryStream(bytes);
        var names = Transactions(XDocument.Load(stream)).Select(t => Value(t, "Cdtr", "Nm"));
        Assert.Equal(Names, names);
    }

    [Fact]
    public void WritePain001_MarkupInNames_IsEscaped()
    {
        var document = Written(names: ["Pérez & Hijos <S.A.C.> \"El Sol\""]);

        Assert.Equal("Pérez & Hijos <S.A.C.> \"El Sol\"", Value(Transactions(document)[0], "Cdtr", "Nm"));
        Assert.Empty(Pain001Structure.Check(document));
    }

    [Fact]
    public void WritePain001_NamesLongerThan140_AreClipped()
    {
        var longName = "Asociación de Productores Agropecuarios " + string.Concat(Enumerable.Repeat("Ñawpa Ayllu ", 20));
        Assert.True(longName.Length > 140);

        var document = Written(Debtor with { Name = longName }, [longName]);

        Assert.Equal(longName[..140], Value(Transactions(document)[0], "Cdtr", "Nm"));
        Assert.Equal(longName[..140], Value(PaymentInformation(document), "Dbtr", "Nm"));
        Assert.Equal(longName[..140], Value(Header(document), "InitgPty", "Nm"));
        Assert.All(document.Descendants(Ns + "Nm"), n => Assert.InRange(n.Value.Length, 1, 140));
        Assert.Empty(Pain001Structure.Check(document));
    }

    [Fact]
    public void WritePain001_ANameClippedInsideAnEmoji_IsStillWritten()
    {
        var name = new string('a', 139) + "\U0001F33D";

        var document = Written(names: [name]);

        var written = Value(Transactions(document)[0], "Cdtr", "Nm");
        Assert.True(written.Length <= 140);
        Assert.StartsWith(new string('a', 139), written, StringComparison.Ordinal);
        Assert.Empty(Pain001Structure.Check(document));
    }

    [Fact]
    public void WritePain001_AccountsLongerThan34_AreClipped()
    {
        var document = Written(Debtor with { Account = new string('7', 40) });

        Assert.Equal(new string('7', 34), Value(PaymentInformation(document), "DbtrAcct", "Id", "Othr", "Id"));
    }

    [Fact]
    public void WritePain001_LeavesTheStreamOpen_ForTheCallerToHashAndStore()
    {
        var (batch, lines) = Batch();
        using var stream = new MemoryStream();

        BankFile.WritePain001(stream, batch, lines);

        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
    }

    [Fact]
    public void WriteCsv_HeaderThenOneRowPerLine_InCrLf()
    {
        var (_, lines) = Batch();

        var csv = Csv(lines);

        var rows = csv.Split("\r\n");
        Assert.Equal(BankFile.CsvHeader, rows[0]);
        Assert.Equal("end_to_end_id,amount,currency,creditor_name,bank,account_number,cci,remittance", rows[0]);
        Assert.Equal(5, rows.Length);
        Assert.Equal(string.Empty, rows[^1]);
        Assert.Equal("R12E1T1V1,1200.50,PEN,María Quispe Ñaupari,Banco de la Nación,04-123-456789,01812300041234567890,Premio R12E1T1V1", rows[1]);
        Assert.Equal("R12E3T1V1,0.10,PEN,José Huamán Cáceres,Banco de la Nación,04-123-456789,01812300041234567890,Premio R12E3T1V1", rows[3]);
    }

    [Theory]
    [InlineData(700, "700.00")]
    [InlineData(700.5, "700.50")]
    [InlineData(0.1, "0.10")]
    [InlineData(12345.67, "12345.67")]
    public void WriteCsv_AmountsHaveTwoDecimalsAndAPoint(double amount, string written)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("es-ES");
            var csv = Csv([Line(amount: (decimal)amount)]);

            Assert.Equal(written, csv.Split("\r\n")[1].Split(',')[1]);
            Assert.Equal(written, BankFile.Amount((decimal)amount));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void WriteCsv_QuotesFieldsWithCommasAndDoublesQuotes()
    {
        var csv = Csv([Line(creditor: "Quispe, María", remittance: "Premio \"Allin Kawsay\"")]);

        Assert.Equal("R12E1T1V1,1200.50,PEN,\"Quispe, María\",Banco de la Nación,04-123-456789,01812300041234567890,\"Premio \"\"Allin Kawsay\"\"\"",
            csv.Split("\r\n")[1]);
    }

    [Fact]
    public void WriteCsv_QuotesALineBreak_SoTheRowStaysOneRow()
    {
        var csv = Csv([Line(remittance: "Premio\r\nsegunda línea")]);

        Assert.EndsWith(",\"Premio\r\nsegunda línea\"\r\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+51 999 888 777", "'+51 999 888 777")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Juana = Pedro", "Juana = Pedro")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void WriteCsv_DefusesFormulas(string creditor, string written)
    {
        var csv = Csv([Line(creditor: creditor)]);

        Assert.Equal(written, csv.Split("\r\n")[1].Split(",PEN,")[1].Split(",Banco de la Nación,")[0]);
    }

    [Fact]
    public void WriteCsv_ReadsBackCellByCell()
    {
        var line = Line(creditor: "Quispe, \"Mary\" María", remittance: "Premio, 1er puesto");

        var cells = BankAnswer.SplitCsv(Csv([line]).Split("\r\n")[1]);

        Assert.Equal(["R12E1T1V1", "1200.50", "PEN", "Quispe, \"Mary\" María", "Banco de la Nación", "04-123-456789", "01812300041234567890", "Premio, 1er puesto"],
            cells);
    }

    [Fact]
    public void WriteCsv_IsUtf8WithoutBom_AndLeavesTheStreamOpen()
    {
        using var stream = new MemoryStream();

        BankFile.WriteCsv(stream, [Line()]);

        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.Equal((byte)'e', bytes[0]);
        Assert.Contains("María Quispe Ñaupari", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_Twice_GivesTheSameText()
    {
        var (_, lines) = Batch();

        Assert.Equal(Csv(lines), Csv(lines));
    }
}
