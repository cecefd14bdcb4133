using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Plans;

namespace Contests.Core.Tests.Plans;

/// <summary>
/// A funded plan for the tests: contract signed 2026-03-02 for 12 months, two components (cobertizos S/ 10,000 + 2,000;
/// pastos S/ 5,000 + 3,000), receipts made through the real <see cref="PlanReceipt.Record"/>.
/// </summary>
internal static class PlanBuilders
{
    public const string Sheds = "Mejoramiento de cobertizos";
    public const string Pastures = "Instalación de pastos";
    public const string SupplierRuc = "20100070970";

    public static readonly DateOnly Today = new(2026, 9, 1);

    public static readonly DateTime Now = new(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);

    public static readonly PlanTerm Term = new(new DateOnly(2026, 3, 2), 12);

    public static readonly IReadOnlyList<ContractComponent> Components =
        [new(Sheds, 10_000m, 2_000m), new(Pastures, 5_000m, 3_000m)];

    public static readonly string[] ComponentNames = [Sheds, Pastures];

    private static int _number;

    public static ReceiptInput Input(decimal amount = 100m, ReceiptPayer payer = ReceiptPayer.Project, string component = Sheds, DateOnly? on = null,
        string? number = null, string ruc = SupplierRuc, ReceiptDocumentType type = ReceiptDocumentType.Invoice) =>
        new(on ?? new DateOnly(2026, 4, 15), ruc, type, number ?? $"F001-{Interlocked.Increment(ref _number)}", amount, payer, component);

    public static PlanReceipt Receipt(decimal amount = 100m, ReceiptPayer payer = ReceiptPayer.Project, string component = Sheds, DateOnly? on = null)
    {
        var errors = new List<DomainError>();
        // Recorded after the term, so that any day of it (or past it) can be given.
        var receipt = PlanReceipt.Record(12, 7, Input(amount, payer, component, on), ComponentNames, [], new DateOnly(2028, 1, 1), 11, Now, errors);
        Assert.Empty(errors);
        return receipt!;
    }

    public static CounterpartDeposit Deposit(decimal amount = 5_000m)
    {
        var errors = new List<DomainError>();
        var deposit = CounterpartDeposit.Record(12, 7, new DateOnly(2026, 3, 10), amount, "OP-778812", Today, 11, Now, errors);
        Assert.Empty(errors);
        return deposit!;
    }

    public static ProgressReport Report(bool approved)
    {
        var errors = new List<DomainError>();
        var report = ProgressReport.Record(12, 7, Term, ReportKind.Interim, new DateOnly(2026, 8, 20), "Cobertizos techados al 60 %.", ComponentNames,
            [60, 30], Today, 11, Now, errors);
        Assert.Empty(errors);
        if (approved)
        {
            Assert.True(report!.Approve("Acta N° 4 del CLAR", new DateOnly(2026, 8, 28), Today, 12).Succeeded);
        }
        return report!;
    }

    public static string[] Codes(IEnumerable<DomainError> errors) => [.. errors.Select(e => e.Code)];
}
