using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Features.Rounds;

namespace Contests.Web.Features.FollowUp;

/// <summary>
/// A follow-up visit as typed, all text, so nothing is lost to a binding error: <see cref="VisitFields"/> reads it
/// into Core's <see cref="FollowUpInput"/> and says what it could not read, field by field.
/// </summary>
public sealed class VisitForm
{
    public string? VisitedOn { get; set; }

    public string? VisitedBy { get; set; }

    public string? VisitorName { get; set; }

    /// <summary>One row per baseline activity of the entry, in the baseline's order.</summary>
    public List<VisitItemForm> Items { get; set; } = [];

    /// <summary>Amounts by category name (<see cref="SpendingCategory"/>), as the inputs <c>Spending[Tools]</c> post them.</summary>
    public Dictionary<string, string?> Spending { get; set; } = new(StringComparer.Ordinal);

    public string? OwnInvestment { get; set; }

    public bool InvestmentKept { get; set; }

    public string? Notes { get; set; }

    /// <summary>Photos taken at the visit (added to those already stored). A browser can't give a chosen file back, so a
    /// refused form keeps everything typed but asks for the photos again.</summary>
    public List<IFormFile> Photos { get; set; } = [];

    /// <summary>A stored visit as the form shows it, for correcting it.</summary>
    public static VisitForm From(FollowUpVisit visit, IEnumerable<int> positions)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(positions);
        return new VisitForm
        {
            VisitedOn = visit.VisitedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            VisitedBy = visit.VisitedBy.ToString(),
            VisitorName = visit.VisitorName,
            Items = [.. positions.Select(p => visit.Items.FirstOrDefault(i => i.Position == p) is { } item
                ? new VisitItemForm { Position = p, Quantity = VisitFields.Number(item.Quantity), Value = item.Value is { } v ? VisitFields.Amount(v) : null }
                : new VisitItemForm { Position = p })],
            Spending = visit.Spending.ToDictionary(s => s.Category.ToString(), s => (string?)VisitFields.Amount(s.Amount), StringComparer.Ordinal),
            OwnInvestment = visit.OwnInvestment == 0 ? null : VisitFields.Amount(visit.OwnInvestment),
            InvestmentKept = visit.InvestmentKept,
            Notes = visit.Notes,
        };
    }

    /// <summary>The form read into Core's input; what can't be read is added to <paramref name="errors"/> under its field.</summary>
    public FollowUpInput ToInput(ICollection<DomainError> errors) => VisitFields.Read(
        VisitedOn, VisitedBy, VisitorName,
        Items.Select(i => (i.Position, i.Quantity, i.Value)).ToList(),
        Spending, OwnInvestment, InvestmentKept ? "true" : null, Notes, errors);
}

public sealed class VisitItemForm
{
    /// <summary>The baseline activity's stored position (0 for the first).</summary>
    public int Position { get; set; }

    public string? Quantity { get; set; }

    public string? Value { get; set; }
}

/// <summary>
/// The edge's reading of a visit's fields — the form's and an import row's alike: dates as a date input or a
/// spreadsheet writes them, who visited as a code or its Spanish or English name, quantities and amounts with
/// the decimal comma the other forms accept. Core then checks the visit itself.
/// </summary>
public static class VisitFields
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "yyyy/MM/dd"];

    public static FollowUpInput Read(string? visitedOn, string? visitedBy, string? visitorName,
        IReadOnlyList<(int Position, string? Quantity, string? Value)> items, IReadOnlyDictionary<string, string?> spending,
        string? ownInvestment, string? investmentKept, string? notes, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(spending);
        ArgumentNullException.ThrowIfNull(errors);
        var parsedItems = new List<FollowUpItemInput>();
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = $"Items[{i}]";
            var quantity = FormNumbers.Number(items[i].Quantity, prefix + ".Quantity", errors, required: false);
            var value = FormNumbers.Money(items[i].Value, prefix + ".Value", errors, required: false);
            parsedItems.Add(new FollowUpItemInput(items[i].Position, quantity, value));
        }
        var amounts = new Dictionary<SpendingCategory, decimal?>();
        foreach (var category in Enum.GetValues<SpendingCategory>())
        {
            if (spending.TryGetValue(category.ToString(), out var text))
            {
                amounts[category] = FormNumbers.Money(text, $"Spending[{category}]", errors, required: false);
            }
        }
        return new FollowUpInput
        {
            VisitedOn = Date(visitedOn, errors),
            VisitedBy = Visitor(visitedBy, errors),
            VisitorName = visitorName,
            Items = parsedItems,
            Spending = amounts,
            OwnInvestment = FormNumbers.Money(ownInvestment, nameof(FollowUpInput.OwnInvestment), errors, required: false),
            InvestmentKept = YesNo(investmentKept, errors),
            Notes = notes,
        };
    }

    /// <summary>
    /// Core's refusals added to what the edge could not read, except on fields the edge already flagged (a date that
    /// could not be read is not also "required").
    /// </summary>
    public static IReadOnlyList<DomainError> Merge(IReadOnlyCollection<DomainError> edge, IEnumerable<DomainError> core)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(core);
        var flagged = edge.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        // "Nothing recorded" is no news when what was typed could not be read.
        return [.. edge, .. core.Where(e => (e.Field is null || !flagged.Contains(e.Field)) && !(edge.Count > 0 && e.Code == "FollowUp.Empty"))];
    }

    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? input, ICollection<DomainError> errors)
    {
        var text = Text.Clean(input);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(new DomainError("FollowUp.DateFormat", nameof(FollowUpInput.VisitedOn), text));
        return null;
    }

    private static Visitor? Visitor(string? input, ICollection<DomainError> errors)
    {
        var text = Text.Clean(input);
        if (text is null)
        {
            return null;
        }
        switch (Text.Key(text))
        {
            case "OFFICER" or "OFICIAL" or "OFICIAL DE PROYECTO" or "OFICINA" or "PROYECTO" or "EQUIPO DEL PROYECTO":
                return Core.Monitoring.Visitor.Officer;
            case "LRAC" or "CLAR" or "COMITE" or "MIEMBRO DEL CLAR" or "MIEMBROS DEL CLAR":
                return Core.Monitoring.Visitor.Lrac;
            default:
                errors.Add(new DomainError("FollowUp.VisitorUnknown", nameof(FollowUpInput.VisitedBy), text));
                return null;
        }
    }

    private static bool YesNo(string? input, ICollection<DomainError> errors)
    {
        var text = Text.Clean(input);
        if (text is null)
        {
            return false;
        }
        switch (Text.Key(text))
        {
            case "TRUE" or "SI" or "S" or "YES" or "Y" or "1" or "X":
                return true;
            case "FALSE" or "NO" or "N" or "0":
                return false;
            default:
                errors.Add(new DomainError("FollowUp.YesNo", nameof(FollowUpInput.InvestmentKept), text));
                return false;
        }
    }
}
