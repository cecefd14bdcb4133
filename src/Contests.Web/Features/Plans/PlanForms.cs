using Contests.Core.Plans;

namespace Contests.Web.Features.Plans;

/// <summary>A receipt as typed (dates yyyy-MM-dd, amounts with a decimal point or comma).</summary>
public sealed class ExpenseForm
{
    public string? IssuedOn { get; set; }

    public string? SupplierRuc { get; set; }

    public ReceiptDocumentType? DocumentType { get; set; }

    public string? DocumentNumber { get; set; }

    public string? Amount { get; set; }

    public ReceiptPayer? PaidBy { get; set; }

    public string? Component { get; set; }

    /// <summary>The voucher's photo or PDF (optional).</summary>
    public IFormFile? File { get; set; }
}

/// <summary>A counterpart deposit as typed.</summary>
public sealed class DepositForm
{
    public string? DepositedOn { get; set; }

    public string? Amount { get; set; }

    public string? BankReference { get; set; }

    /// <summary>The bank statement, PDF or photo (optional).</summary>
    public IFormFile? File { get; set; }
}

/// <summary>A progress report as typed: one percentage per contract component, in the contract's order.</summary>
public sealed class ReportForm
{
    public ReportKind? Kind { get; set; }

    public string? ReceivedOn { get; set; }

    public string? Narrative { get; set; }

    public List<string?> Progress { get; set; } = [];

    /// <summary>Files attached with the report (optional), and one caption for them.</summary>
    public List<IFormFile> Files { get; set; } = [];

    public string? Caption { get; set; }
}

/// <summary>The LRAC's approval of a report's progress: the acta that records it and its date.</summary>
public sealed class ApprovalForm
{
    public string? ApprovalActa { get; set; }

    public string? ApprovedOn { get; set; }
}
