using Contests.Core.Common;
using Contests.Core.Plans;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>A plan's receipt: every field checked at once, the RUC by its check digit, the same voucher refused twice.</summary>
public sealed class PlanReceiptTests
{
    private static (PlanReceipt? Receipt, List<DomainError> Errors) Record(ReceiptInput input, params ReceiptKey[] existing)
    {
        var errors = new List<DomainError>();
        return (PlanReceipt.Record(12, 7, input, ComponentNames, existing, Today, 11, Now, errors), errors);
    }

    [Fact]
    public void Record_AGoodReceipt_KeepsItsFigures()
    {
        var (receipt, errors) = Record(new ReceiptInput(new DateOnly(2026, 5, 3), " 20100070970 ", ReceiptDocumentType.Invoice, " f001 - 000123 ",
            1_234.56m, ReceiptPayer.Counterpart, Pastures));

        Assert.Empty(errors);
        Assert.Equal("20100070970", receipt!.SupplierRuc);
        Assert.Equal("F001-000123", receipt.DocumentNumber);
        Assert.Equal(1_234.56m, receipt.Amount);
        Assert.Equal(ReceiptPayer.Counterpart, receipt.PaidBy);
        Assert.Equal(Pastures, receipt.Component);
    }

    [Fact]
    public void Record_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var (receipt, errors) = Record(new ReceiptInput(Today.AddDays(1), "20100070971", null, "factura 12", 10.005m, null, "Otro componente"));

        Assert.Null(receipt);
        Assert.Equal(["IssuedOn", "SupplierRuc", "DocumentType", "DocumentNumber", "Amount", "PaidBy", "Component"], errors.Select(e => e.Field));
        Assert.Equal(["Receipt.InFuture", "Ruc.CheckDigit", "Validation.Required", "Receipt.NumberFormat", "Money.TwoDecimals", "Validation.Required",
            "Receipt.UnknownComponent"], Codes(errors));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Record_NoAmount_IsRefused(decimal amount)
    {
        var (_, errors) = Record(Input(amount));

        Assert.Equal(["Receipt.AmountPositive"], Codes(errors));
    }

    [Fact]
    public void Record_TheSameVoucherTwice_IsRefused_AnotherSupplierOrTypeIsNot()
    {
        var existing = new ReceiptKey(SupplierRuc, ReceiptDocumentType.Invoice, "F001-77");

        Assert.Equal(["Receipt.Duplicate"], Codes(Record(Input(number: "f001-77"), existing).Errors));
        Assert.Empty(Record(Input(number: "F001-77", type: ReceiptDocumentType.SalesReceipt), existing).Errors);
        Assert.Empty(Record(Input(number: "F001-77", ruc: "20131312955"), existing).Errors);
    }
}
