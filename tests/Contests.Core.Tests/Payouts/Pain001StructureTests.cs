using System.Xml.Linq;
using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>The structure check finds what a bank would reject (so a passing file means something).</summary>
public sealed class Pain001StructureTests
{
    private static readonly XNamespace Ns = Pain001Structure.Namespace;

    /// <summary>A good file of two transactions (1,200.50 and 700.01), to break one way per test.</summary>
    private static XDocument Good()
    {
        Payout[] payouts = [Approved(1_200.50m, entryNumber: 1), Approved(700.01m, entryNumber: 2)];
        var (result, batch) = PayoutBatch.Create(payouts, Now.AddHours(1), new Debtor("Programa", "00-068-000123456", null), OfficerId, Now);
        Succeeds(result);
        using var stream = new MemoryStream();
        BankFile.WritePain001(stream, batch!, [.. payouts.Select(p => new BankLine(p.EndToEndId, p.Amount, p.CreditorName!, p.BankName!, p.AccountNumber!, p.Cci!, "Premio"))]);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    private static XElement Block(XDocument document) => document.Root!.Element(Ns + "CstmrCdtTrfInitn")!.Element(Ns + "PmtInf")!;

    private static XElement Header(XDocument document) => document.Root!.Element(Ns + "CstmrCdtTrfInitn")!.Element(Ns + "GrpHdr")!;

    private static XElement Transaction(XDocument document, int index) => Block(document).Elements(Ns + "CdtTrfTxInf").ElementAt(index);

    private static XElement Amount(XDocument document, int index) => Transaction(document, index).Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!;

    private static XElement EndToEndId(XDocument document, int index) => Transaction(document, index).Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!;

    private static void Reports(XDocument document, string expected)
    {
        var problems = Pain001Structure.Check(document);
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"expected a problem with '{expected}', got: {(problems.Count == 0 ? "none" : string.Join(" | ", problems))}");
    }

    [Fact]
    public void Check_AGoodFile_HasNoProblems() =>
        Assert.Empty(Pain001Structure.Check(Good()));

    [Fact]
    public void Check_WrongControlSumInTheHeader_IsReported()
    {
        var document = Good();
        Header(document).Element(Ns + "CtrlSum")!.Value = "1900.50";

        var problem = Assert.Single(Pain001Structure.Check(document));
        Assert.Contains("GrpHdr/CtrlSum: 1900.50, but the transactions add up to 1900.51", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AnAmountChangedWithoutItsControlSums_IsReportedTwice()
    {
        var document = Good();
        Amount(document, 1).Value = "700.00";

        var problems = Pain001Structure.Check(document);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("GrpHdr/CtrlSum", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PmtInf/CtrlSum", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ARepeatedEndToEndId_IsReported()
    {
        var document = Good();
        EndToEndId(document, 1).Value = EndToEndId(document, 0).Value;

        Reports(document, "EndToEndId 'R12E1T1V1' appears 2 times");
    }

    [Fact]
    public void Check_AnEndToEndIdLongerThan35_IsReported()
    {
        var document = Good();
        EndToEndId(document, 0).Value = new string('E', 36);

        Reports(document, "EndToEndId: 36 characters, must be 1 to 35");
    }

    [Fact]
    public void Check_AnEmptyMessageId_IsReported()
    {
        var document = Good();
        Header(document).Element(Ns + "MsgId")!.Value = string.Empty;

        Reports(document, "MsgId: 0 characters");
    }

    [Theory]
    [InlineData("3")]
    [InlineData("two")]
    public void Check_AWrongNumberOfTransactions_IsReported(string count)
    {
        var document = Good();
        Block(document).Element(Ns + "NbOfTxs")!.Value = count;

        Reports(document, $"PmtInf/NbOfTxs: '{count}', but there are 2 transactions");
    }

    [Fact]
    public void Check_ATransactionWithItsChildrenOutOfOrder_IsReported()
    {
        var document = Good();
        var transaction = Transaction(document, 0);
        var paymentId = transaction.Element(Ns + "PmtId")!;
        paymentId.Remove();
        transaction.Element(Ns + "Amt")!.AddAfterSelf(paymentId);

        Reports(document, "CdtTrfTxInf[1]: PmtId missing or out of order");
    }

    [Fact]
    public void Check_AHeaderWithoutControlSum_IsReported()
    {
        var document = Good();
        Header(document).Element(Ns + "CtrlSum")!.Remove();

        Reports(document, "GrpHdr: CtrlSum missing or out of order");
    }

    [Fact]
    public void Check_AnUnknownElement_IsReported()
    {
        var document = Good();
        Block(document).Element(Ns + "ChrgBr")!.AddAfterSelf(new XElement(Ns + "Fee", "1.00"));

        Reports(document, "PmtInf/Fee: unexpected here");
    }

    [Fact]
    public void Check_TwoPaymentInformationBlocks_IsReported()
    {
        var document = Good();
        Block(document).AddAfterSelf(new XElement(Block(document)));

        Reports(document, "PmtInf 2 times, at most 1");
    }

    [Theory]
    [InlineData("USD", null, "currency 'USD', expected 'PEN'")]
    [InlineData(null, "1200.5", "'1200.5' is not an amount with two decimals")]
    [InlineData(null, "1,200.50", "is not an amount with two decimals")]
    [InlineData(null, "0.00", "'0.00' is not positive")]
    public void Check_ABadAmount_IsReported(string? currency, string? amount, string expected)
    {
        var document = Good();
        var instructed = Amount(document, 0);
        if (currency is not null)
        {
            instructed.SetAttributeValue("Ccy", currency);
        }
        if (amount is not null)
        {
            instructed.Value = amount;
        }

        Reports(document, expected);
    }

    [Fact]
    public void Check_AnAmountWithoutCurrency_IsReported()
    {
        var document = Good();
        Amount(document, 0).Attribute("Ccy")!.Remove();

        Reports(document, "currency '', expected 'PEN'");
    }

    [Fact]
    public void Check_ANameLongerThan140_IsReported()
    {
        var document = Good();
        Transaction(document, 1).Element(Ns + "Cdtr")!.Element(Ns + "Nm")!.Value = new string('n', 141);

        Reports(document, "CdtTrfTxInf[2]/Cdtr/Nm: 141 characters, must be 1 to 140");
    }

    [Fact]
    public void Check_AnotherNamespace_IsReported()
    {
        var document = Good();
        foreach (var element in document.Root!.DescendantsAndSelf())
        {
            element.Name = XNamespace.Get("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09") + element.Name.LocalName;
        }

        Reports(document, "root: expected {urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}Document");
    }

    [Fact]
    public void Check_AnElementOutsideTheNamespace_IsReported()
    {
        var document = Good();
        var bearer = Block(document).Element(Ns + "ChrgBr")!;
        bearer.Name = "ChrgBr";

        Reports(document, "PmtInf/ChrgBr: in namespace '', not pain.001.001.03");
    }

    [Theory]
    [InlineData("ChrgBr", "SLOW")]
    [InlineData("PmtMtd", "WIRE")]
    [InlineData("BtchBookg", "no")]
    [InlineData("ReqdExctnDt", "10/03/2026")]
    public void Check_ACodeOrDateNotInTheSchema_IsReported(string element, string value)
    {
        var document = Good();
        Block(document).Element(Ns + element)!.Value = value;

        Reports(document, $"PmtInf/{element}: '{value}'");
    }
}
