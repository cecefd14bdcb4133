namespace Contests.Web.Features.Payouts;

/// <summary>A cash receipt signed or thumb-printed at the ceremony.</summary>
public sealed class ReceiptForm
{
    public string? ReceiptNumber { get; set; }

    public string? ReceivedBy { get; set; }

    public bool ThumbPrinted { get; set; }

    /// <summary>yyyy-MM-dd, Lima.</summary>
    public string? PaidOn { get; set; }
}

/// <summary>When a batch runs (yyyy-MM-ddTHH:mm, Lima; blank: now).</summary>
public sealed class BatchForm
{
    public string? ExecuteAt { get; set; }
}
