using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Core.Registry;

namespace Contests.Core.Plans;

/// <summary>The kinds of payment voucher SUNAT recognises that a plan's expense can be proven with.</summary>
public enum ReceiptDocumentType
{
    /// <summary>Factura.</summary>
    Invoice,

    /// <summary>Boleta de venta.</summary>
    SalesReceipt,

    /// <summary>Recibo por honorarios.</summary>
    FeeReceipt,

    /// <summary>Liquidación de compra (a purchase from a producer without RUC, issued by the buyer).</summary>
    PurchaseSettlement,
}

/// <summary>Whose money paid an expense: the project's donation or the organization's counterpart.</summary>
public enum ReceiptPayer
{
    Project,
    Counterpart,
}

/// <summary>A receipt as typed: any value may be missing or wrong (the form keeps it as it was).</summary>
public sealed record ReceiptInput(DateOnly? IssuedOn, string? SupplierRuc, ReceiptDocumentType? DocumentType, string? DocumentNumber,
    decimal? Amount, ReceiptPayer? PaidBy, string? Component);

/// <summary>What makes two receipts the same one: the supplier, the kind of document and its series-number.</summary>
public readonly record struct ReceiptKey(string SupplierRuc, ReceiptDocumentType DocumentType, string DocumentNumber);

/// <summary>
/// One expense of a funded plan, proven by a voucher: its date, the supplier's RUC (checked), the document's type and
/// series-number, the amount, who paid it and the contract's component it goes to. The same voucher (supplier, type and
/// number) is recorded once only. Never edited: a wrong one is removed and recorded again. Its photo or PDF (<see cref="File"/>) may
/// be attached with it or later, and replaced, until a later tranche is approved on it (<see cref="ProofFile.CheckChange"/>).
/// </summary>
public sealed partial class PlanReceipt : ProvenRecord
{
    public const int DocumentNumberMaxLength = 20;

    private PlanReceipt()
    {
        SupplierRuc = DocumentNumber = Component = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    /// <summary>The funded plan (the round's entry).</summary>
    public int EntryId { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public string SupplierRuc { get; private set; }

    public ReceiptDocumentType DocumentType { get; private set; }

    /// <summary>"F001-00012345": series and number, upper case, without spaces.</summary>
    public string DocumentNumber { get; private set; }

    public decimal Amount { get; private set; }

    public ReceiptPayer PaidBy { get; private set; }

    /// <summary>The contract's component, by its name.</summary>
    public string Component { get; private set; }

    public int RecordedByUserId { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    public ReceiptKey Key => new(SupplierRuc, DocumentType, DocumentNumber);

    protected override bool Stored => Id != 0;

    protected override DateTime MadeUtc => RecordedUtc;

    /// <summary>
    /// The receipt, or null with every reason in <paramref name="errors"/> (fields <c>IssuedOn</c>, <c>SupplierRuc</c>,
    /// <c>DocumentType</c>, <c>DocumentNumber</c>, <c>Amount</c>, <c>PaidBy</c>, <c>Component</c>). A date outside the
    /// contract's term is accepted and flagged by the accounting; a date after today is not. <c>existing</c>: the keys of the
    /// receipts already recorded (every plan's: a voucher proves one expense).
    /// </summary>
    public static PlanReceipt? Record(int roundId, int entryId, ReceiptInput input, IReadOnlyCollection<string> components,
        IEnumerable<ReceiptKey> existing, DateOnly today, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (input.IssuedOn is null)
        {
            errors.Add(new DomainError("Validation.Required", "IssuedOn", new FieldLabel("IssuedOn")));
        }
        else if (input.IssuedOn > today)
        {
            errors.Add(new DomainError("Receipt.InFuture", "IssuedOn"));
        }
        var ruc = Ruc.TryParse(input.SupplierRuc, "SupplierRuc", out var rucError);
        if (rucError is not null)
        {
            errors.Add(rucError);
        }
        if (input.DocumentType is null)
        {
            errors.Add(new DomainError("Validation.Required", "DocumentType", new FieldLabel("DocumentType")));
        }
        var number = NormalizeNumber(input.DocumentNumber);
        if (number is null)
        {
            errors.Add(new DomainError("Validation.Required", "DocumentNumber", new FieldLabel("DocumentNumber")));
        }
        else if (number.Length > DocumentNumberMaxLength || !SeriesNumber().IsMatch(number))
        {
            errors.Add(new DomainError("Receipt.NumberFormat", "DocumentNumber", input.DocumentNumber!.Trim()));
            number = null;
        }
        if (input.Amount is null)
        {
            errors.Add(new DomainError("Validation.Required", "Amount", new FieldLabel("Amount")));
        }
        else if (input.Amount <= 0 || input.Amount > Money.MaxAmount)
        {
            errors.Add(new DomainError("Receipt.AmountPositive", "Amount"));
        }
        else if (decimal.Round(input.Amount.Value, 2) != input.Amount.Value)
        {
            errors.Add(new DomainError("Money.TwoDecimals", "Amount"));
        }
        if (input.PaidBy is null)
        {
            errors.Add(new DomainError("Validation.Required", "PaidBy", new FieldLabel("PaidBy")));
        }
        var component = components.FirstOrDefault(c => string.Equals(c, Text.Clean(input.Component), StringComparison.Ordinal));
        if (component is null)
        {
            errors.Add(Text.Clean(input.Component) is null
                ? new DomainError("Validation.Required", "Component", new FieldLabel("Component"))
                : new DomainError("Receipt.UnknownComponent", "Component"));
        }
        if (ruc is not null && input.DocumentType is { } type && number is not null && existing.Contains(new ReceiptKey(ruc.Value, type, number)))
        {
            errors.Add(new DomainError("Receipt.Duplicate", "DocumentNumber", number, ruc.Value));
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new PlanReceipt
        {
            RoundId = roundId, EntryId = entryId, IssuedOn = input.IssuedOn!.Value, SupplierRuc = ruc!.Value,
            DocumentType = input.DocumentType!.Value, DocumentNumber = number!, Amount = input.Amount!.Value, PaidBy = input.PaidBy!.Value,
            Component = component!, RecordedByUserId = userId, RecordedUtc = nowUtc,
        };
    }

    /// <summary>"f001 - 123" → "F001-123": what makes the same number typed twice the same key.</summary>
    public static string? NormalizeNumber(string? input)
    {
        var clean = Text.Clean(input);
        return clean?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
    }

    // SUNAT's series (4 letters or digits) and correlative (up to 8 digits).
    [GeneratedRegex("^[A-Z0-9]{1,4}-[0-9]{1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex SeriesNumber();
}
