using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Contests.Core.Tests.Payouts;

/// <summary>
/// What a bank checks in a pain.001.001.03 credit transfer file before it pays anything, as a list of
/// problems (empty: the file is well formed): every element in the pain.001.001.03 namespace; the group
/// header, the one payment information block and each transaction with their children in the schema's
/// order; the counts and control sums agreeing with the transactions; amounts positive, in the currency,
/// with two decimals; end-to-end ids present, unique and at most 35 characters; names at most 140.
/// Not a full XSD validation (no schema ships with the tests), but the rules a bank rejects files for.
/// </summary>
public static partial class Pain001Structure
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>One place in a schema sequence: the element, and how often it may appear there.</summary>
    private sealed record Slot(string Name, int Min = 0, int Max = 1);

    // Schema sequences (GroupHeader32, PaymentInstructionInformation3, CreditTransferTransactionInformation10),
    // with the elements a bank needs made required: the control sums, the creditor and its account.
    private static readonly Slot[] Document = [new("CstmrCdtTrfInitn", 1)];

    private static readonly Slot[] Initiation = [new("GrpHdr", 1), new("PmtInf", 1, 1), new("SplmtryData", 0, int.MaxValue)];

    private static readonly Slot[] GroupHeader =
    [
        new("MsgId", 1), new("CreDtTm", 1), new("Authstn", 0, 2), new("NbOfTxs", 1), new("CtrlSum", 1), new("InitgPty", 1), new("FwdgAgt"),
    ];

    private static readonly Slot[] PaymentInformation =
    [
        new("PmtInfId", 1), new("PmtMtd", 1), new("BtchBookg"), new("NbOfTxs", 1), new("CtrlSum", 1), new("PmtTpInf"), new("ReqdExctnDt", 1),
        new("PoolgAdjstmntDt"), new("Dbtr", 1), new("DbtrAcct", 1), new("DbtrAgt", 1), new("DbtrAgtAcct"), new("UltmtDbtr"), new("ChrgBr"),
        new("ChrgsAcct"), new("ChrgsAcctAgt"), new("CdtTrfTxInf", 1, int.MaxValue),
    ];

    private static readonly Slot[] Transaction =
    [
        new("PmtId", 1), new("PmtTpInf"), new("Amt", 1), new("XchgRateInf"), new("ChrgBr"), new("ChqInstr"), new("UltmtDbtr"),
        new("IntrmyAgt1"), new("IntrmyAgt1Acct"), new("IntrmyAgt2"), new("IntrmyAgt2Acct"), new("IntrmyAgt3"), new("IntrmyAgt3Acct"),
        new("CdtrAgt"), new("CdtrAgtAcct"), new("Cdtr", 1), new("CdtrAcct", 1), new("UltmtCdtr"), new("InstrForCdtrAgt", 0, int.MaxValue),
        new("InstrForDbtrAgt"), new("Purp"), new("RgltryRptg", 0, 10), new("Tax"), new("RltdRmtInf", 0, 10), new("RmtInf"),
    ];

    private static readonly Slot[] PaymentId = [new("InstrId"), new("EndToEndId", 1)];

    private static readonly Slot[] Amount = [new("InstdAmt", 1)];

    private static readonly HashSet<string> Max35 = ["MsgId", "PmtInfId", "InstrId", "EndToEndId", "Prtry"];
    private static readonly HashSet<string> Max140 = ["Nm", "Ustrd"];
    private static readonly HashSet<string> ChargeBearers = ["DEBT", "CRED", "SHAR", "SLEV"];
    private static readonly HashSet<string> PaymentMethods = ["CHK", "TRF", "TRA"];
    private static readonly HashSet<string> Booleans = ["true", "false", "1", "0"];

    /// <summary>Every problem found, each naming where it is; empty when the document is a good pain.001.001.03.</summary>
    public static IReadOnlyList<string> Check(XDocument document, string currency = "PEN")
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        var root = document.Root;
        if (root is null || root.Name != Ns + "Document")
        {
            problems.Add($"root: expected {{{Namespace}}}Document, found {root?.Name.ToString() ?? "nothing"}");
            return problems;
        }
        foreach (var stray in root.DescendantsAndSelf().Where(e => e.Name.Namespace != Ns))
        {
            problems.Add($"{PathOf(stray)}: in namespace '{stray.Name.NamespaceName}', not pain.001.001.03");
        }
        Sequence(root, Document, problems);
        var initiation = root.Element(Ns + "CstmrCdtTrfInitn");
        if (initiation is null)
        {
            return problems;
        }
        Sequence(initiation, Initiation, problems);
        var header = initiation.Element(Ns + "GrpHdr");
        if (header is not null)
        {
            Sequence(header, GroupHeader, problems);
        }
        var transactions = new List<XElement>();
        foreach (var block in initiation.Elements(Ns + "PmtInf"))
        {
            Sequence(block, PaymentInformation, problems);
            var own = block.Elements(Ns + "CdtTrfTxInf").ToList();
            transactions.AddRange(own);
            Totals(block, own, problems);
            Enumerated(block.Element(Ns + "PmtMtd"), PaymentMethods, problems);
            Enumerated(block.Element(Ns + "BtchBookg"), Booleans, problems);
            IsoDate(block.Element(Ns + "ReqdExctnDt"), problems);
        }
        if (header is not null)
        {
            Totals(header, transactions, problems);
            IsoDateTime(header.Element(Ns + "CreDtTm"), problems);
        }
        foreach (var transaction in transactions)
        {
            Sequence(transaction, Transaction, problems);
            if (transaction.Element(Ns + "PmtId") is { } paymentId)
            {
                Sequence(paymentId, PaymentId, problems);
            }
            if (transaction.Element(Ns + "Amt") is { } amount)
            {
                Sequence(amount, Amount, problems);
                if (amount.Element(Ns + "InstdAmt") is { } instructed)
                {
                    InstructedAmount(instructed, currency, problems);
                }
            }
        }
        var ids = transactions.Select(t => t.Element(Ns + "PmtId")?.Element(Ns + "EndToEndId")).OfType<XElement>();
        foreach (var repeated in ids.GroupBy(e => e.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"EndToEndId '{repeated.Key}' appears {repeated.Count()} times ({string.Join(", ", repeated.Select(PathOf))})");
        }
        foreach (var leaf in root.Descendants().Where(e => !e.HasElements))
        {
            Lengths(leaf, problems);
        }
        foreach (var bearer in root.Descendants(Ns + "ChrgBr"))
        {
            Enumerated(bearer, ChargeBearers, problems);
        }
        foreach (var bic in root.Descendants(Ns + "BIC").Where(b => !BicPattern().IsMatch(b.Value)))
        {
            problems.Add($"{PathOf(bic)}: '{bic.Value}' is not a BIC");
        }
        foreach (var ccy in root.Descendants(Ns + "Ccy").Where(c => !CurrencyPattern().IsMatch(c.Value)))
        {
            problems.Add($"{PathOf(ccy)}: '{ccy.Value}' is not a currency code");
        }
        return problems;
    }

    /// <summary>The children are the slots' elements, in the slots' order, each as often as allowed.</summary>
    private static void Sequence(XElement parent, Slot[] slots, List<string> problems)
    {
        var children = parent.Elements().ToList();
        var position = 0;
        foreach (var slot in slots)
        {
            var count = 0;
            while (position < children.Count && children[position].Name == Ns + slot.Name)
            {
                count++;
                position++;
            }
            if (count < slot.Min)
            {
                problems.Add($"{PathOf(parent)}: {slot.Name} missing or out of order");
            }
            if (count > slot.Max)
            {
                problems.Add($"{PathOf(parent)}: {slot.Name} {count} times, at most {slot.Max}");
            }
        }
        if (position < children.Count)
        {
            problems.Add($"{PathOf(children[position])}: unexpected here (not allowed in {parent.Name.LocalName}, or out of order)");
        }
    }

    /// <summary>NbOfTxs counts the transactions and CtrlSum adds their instructed amounts.</summary>
    private static void Totals(XElement holder, List<XElement> transactions, List<string> problems)
    {
        if (holder.Element(Ns + "NbOfTxs") is { } count)
        {
            var expected = transactions.Count.ToString(CultureInfo.InvariantCulture);
            if (!NumberPattern().IsMatch(count.Value) || count.Value != expected)
            {
                problems.Add($"{PathOf(count)}: '{count.Value}', but there are {expected} transactions");
            }
        }
        if (holder.Element(Ns + "CtrlSum") is { } control)
        {
            var amounts = transactions.Select(t => t.Element(Ns + "Amt")?.Element(Ns + "InstdAmt")?.Value).ToList();
            if (!decimal.TryParse(control.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sum))
            {
                problems.Add($"{PathOf(control)}: '{control.Value}' is not a decimal number");
            }
            else if (amounts.TrueForAll(a => a is not null && decimal.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)))
            {
                var total = amounts.Sum(a => decimal.Parse(a!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
                if (total != sum)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{PathOf(control)}: {sum}, but the transactions add up to {total}"));
                }
            }
        }
    }

    private static void InstructedAmount(XElement amount, string currency, List<string> problems)
    {
        var ccy = amount.Attribute("Ccy")?.Value;
        if (ccy != currency)
        {
            problems.Add($"{PathOf(amount)}: currency '{ccy}', expected '{currency}'");
        }
        if (!AmountPattern().IsMatch(amount.Value))
        {
            problems.Add($"{PathOf(amount)}: '{amount.Value}' is not an amount with two decimals");
        }
        else if (decimal.Parse(amount.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) <= 0)
        {
            problems.Add($"{PathOf(amount)}: '{amount.Value}' is not positive");
        }
    }

    private static void Lengths(XElement leaf, List<string> problems)
    {
        var name = leaf.Name.LocalName;
        var max = Max35.Contains(name) ? 35
            : Max140.Contains(name) ? 140
            : name == "Id" && leaf.Parent?.Name == Ns + "Othr" && leaf.Parent.Parent?.Name == Ns + "Id" ? 34
            : (int?)null;
        if (max is { } limit && (leaf.Value.Length == 0 || leaf.Value.Length > limit))
        {
            problems.Add($"{PathOf(leaf)}: {leaf.Value.Length} characters, must be 1 to {limit}");
        }
    }

    private static void Enumerated(XElement? element, HashSet<string> allowed, List<string> problems)
    {
        if (element is not null && !allowed.Contains(element.Value))
        {
            problems.Add($"{PathOf(element)}: '{element.Value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    private static void IsoDate(XElement? element, List<string> problems)
    {
        if (element is not null && !DateOnly.TryParseExact(element.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add($"{PathOf(element)}: '{element.Value}' is not an ISO date");
        }
    }

    private static void IsoDateTime(XElement? element, List<string> problems)
    {
        if (element is null)
        {
            return;
        }
        try
        {
            XmlConvert.ToDateTimeOffset(element.Value);
        }
        catch (FormatException)
        {
            problems.Add($"{PathOf(element)}: '{element.Value}' is not an ISO date and time");
        }
    }

    /// <summary>"Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[2]/Amt/InstdAmt": where a problem is.</summary>
    private static string PathOf(XElement element) =>
        string.Join('/', element.AncestorsAndSelf().Reverse().Select(e =>
        {
            var siblings = e.Parent?.Elements(e.Name).ToList();
            return siblings is { Count: > 1 }
                ? string.Create(CultureInfo.InvariantCulture, $"{e.Name.LocalName}[{siblings.IndexOf(e) + 1}]")
                : e.Name.LocalName;
        }));

    [GeneratedRegex("^[0-9]+\\.[0-9]{2}$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex("^[0-9]{1,15}$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$")]
    private static partial Regex BicPattern();
}
