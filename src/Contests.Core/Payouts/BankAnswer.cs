using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Payouts;

/// <summary>What the bank says happened to one transfer.</summary>
public enum BankOutcome
{
    Paid,
    Failed,
}

/// <summary>One line of the bank's answer (line 1 is the header).</summary>
public sealed record BankAnswerLine(int Line, string EndToEndId, BankOutcome Outcome, DateOnly Date, string? Reference, decimal Amount, string? Reason);

/// <summary>Why a line of the bank's answer was not applied.</summary>
public enum ReconcileProblem
{
    UnknownId,
    AmountMismatch,
    NotSent,
    Duplicate,
}

public sealed record ReconcileReport(int Line, string EndToEndId, ReconcileProblem Problem, decimal? Expected, decimal Answered, PayoutState? State);

/// <summary>What a payout looks like to the reconciliation: its amount and state.</summary>
public sealed record PayoutToReconcile(string EndToEndId, decimal Amount, PayoutState State);

/// <summary>
/// The bank's answer to a batch, as a CSV: <c>end_to_end_id,status,date,reference,amount,reason</c>. A file
/// that can't be read (a missing column, a bad status, date or amount on any line) is refused whole with
/// every line's problem. A readable file is matched line by line: a line for a sent payout with the same
/// amount is applied; an unknown id, an amount that differs, a payout not waiting for the bank or a second
/// line for the same id is reported and not applied.
/// </summary>
public static class BankAnswer
{
    public const int MaxLines = 100_000;

    private static readonly string[] Columns = ["end_to_end_id", "status", "date", "reference", "amount", "reason"];

    private static readonly Dictionary<string, BankOutcome> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PAID"] = BankOutcome.Paid,
        ["PAGADO"] = BankOutcome.Paid,
        ["ACSC"] = BankOutcome.Paid,
        ["FAILED"] = BankOutcome.Failed,
        ["RECHAZADO"] = BankOutcome.Failed,
        ["RJCT"] = BankOutcome.Failed,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public static IReadOnlyList<BankAnswerLine> Parse(TextReader reader, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        var header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(new DomainError("Reconcile.Empty", "File"));
            return [];
        }
        header = header.TrimStart('\uFEFF');
        // The header says which separator the file uses (a spreadsheet in Spanish saves with ';').
        var separator = header.Contains(',', StringComparison.Ordinal) || !header.Contains(';', StringComparison.Ordinal) ? ',' : ';';
        var names = SplitCsv(header, separator).Select(n => n.Trim().ToLowerInvariant()).ToList();
        var index = Columns.ToDictionary(c => c, c => names.IndexOf(c));
        var missing = Columns.Where(c => c != "reason" && c != "reference" && index[c] < 0).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new DomainError("Reconcile.Columns", "File", string.Join(", ", missing), string.Join(",", Columns)));
            return [];
        }
        var lines = new List<BankAnswerLine>();
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (lines.Count >= MaxLines)
            {
                errors.Add(new DomainError("Reconcile.TooManyLines", "File", MaxLines));
                return [];
            }
            var cells = SplitCsv(text, separator);
            string Cell(string column) => index[column] >= 0 && index[column] < cells.Count ? cells[index[column]].Trim() : string.Empty;
            var before = errors.Count;
            var id = Cell("end_to_end_id");
            if (id.Length is 0 or > Payout.EndToEndIdMaxLength)
            {
                errors.Add(new DomainError("Reconcile.BadId", "File", number));
            }
            if (!Statuses.TryGetValue(Cell("status"), out var outcome))
            {
                errors.Add(new DomainError("Reconcile.BadStatus", "File", number, Cell("status")));
            }
            if (!DateOnly.TryParseExact(Cell("date"), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new DomainError("Reconcile.BadDate", "File", number, Cell("date")));
            }
            if (!decimal.TryParse(Cell("amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || decimal.Round(amount, 2) != amount)
            {
                errors.Add(new DomainError("Reconcile.BadAmount", "File", number, Cell("amount")));
            }
            if (errors.Count == before)
            {
                lines.Add(new BankAnswerLine(number, id, outcome, date, Empty(Cell("reference")), amount, Empty(Cell("reason"))));
            }
        }
        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DomainError("Reconcile.Empty", "File"));
        }
        return errors.Count > 0 ? [] : lines;
    }

    /// <summary>Which lines apply and which are reported (each line once; <paramref name="payouts"/> by end-to-end id).</summary>
    public static (IReadOnlyList<BankAnswerLine> Apply, IReadOnlyList<ReconcileReport> Reports) Match(
        IReadOnlyList<BankAnswerLine> lines, IReadOnlyDictionary<string, PayoutToReconcile> payouts)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(payouts);
        var apply = new List<BankAnswerLine>();
        var reports = new List<ReconcileReport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!seen.Add(line.EndToEndId))
            {
                reports.Add(new ReconcileReport(line.Line, line.EndToEndId, ReconcileProblem.Duplicate, null, line.Amount, null));
            }
            else if (!payouts.TryGetValue(line.EndToEndId, out var payout))
            {
                reports.Add(new ReconcileReport(line.Line, line.EndToEndId, ReconcileProblem.UnknownId, null, line.Amount, null));
            }
            else if (payout.Amount != line.Amount)
            {
                reports.Add(new ReconcileReport(line.Line, line.EndToEndId, ReconcileProblem.AmountMismatch, payout.Amount, line.Amount, payout.State));
            }
            else if (payout.State != PayoutState.Sent)
            {
                reports.Add(new ReconcileReport(line.Line, line.EndToEndId, ReconcileProblem.NotSent, payout.Amount, line.Amount, payout.State));
            }
            else
            {
                apply.Add(line);
            }
        }
        return (apply, reports);
    }

    /// <summary>Splits one CSV line (RFC 4180 quotes; a quoted field does not span lines here).</summary>
    internal static List<string> SplitCsv(string line, char separator = ',')
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
