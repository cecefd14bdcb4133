using System.Globalization;
using System.Text;
using System.Xml;
using Contests.Core.Common;

namespace Contests.Core.Payouts;

/// <summary>One credit transfer in a bank file.</summary>
public sealed record BankLine(string EndToEndId, decimal Amount, string CreditorName, string BankName, string AccountNumber, string Cci, string Remittance);

/// <summary>
/// The bank files of a batch: an ISO 20022 <c>pain.001.001.03</c> customer credit transfer initiation (one
/// group header with the message id, the number of transactions and the control sum; one payment information
/// block; per transaction the end-to-end id, the amount in PEN, the creditor's name and account) and the
/// same lines as CSV. Both are written from the batch and its lines only — never the clock — so writing a
/// batch again gives the same bytes.
/// </summary>
public static class BankFile
{
    public const string Pain001Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
    public const string CsvHeader = "end_to_end_id,amount,currency,creditor_name,bank,account_number,cci,remittance";

    /// <summary>pain.001 free text is at most 140 characters; account ids 34.</summary>
    private const int NameMax = 140;
    private const int AccountMax = 34;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        Async = false,
    };

    /// <summary>Writes the pain.001 document; <paramref name="lines"/> are written in the order given.</summary>
    public static void WritePain001(Stream output, PayoutBatch batch, IReadOnlyList<BankLine> lines)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(lines);
        var count = lines.Count.ToString(CultureInfo.InvariantCulture);
        var sum = Amount(lines.Sum(l => l.Amount));
        using var xml = XmlWriter.Create(output, Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("Document", Pain001Namespace);
        xml.WriteStartElement("CstmrCdtTrfInitn");

        xml.WriteStartElement("GrpHdr");
        xml.WriteElementString("MsgId", batch.MessageId);
        xml.WriteElementString("CreDtTm", LimaDateTime(batch.CreatedUtc));
        xml.WriteElementString("NbOfTxs", count);
        xml.WriteElementString("CtrlSum", sum);
        xml.WriteStartElement("InitgPty");
        xml.WriteElementString("Nm", Clip(batch.DebtorName, NameMax));
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("PmtInf");
        xml.WriteElementString("PmtInfId", batch.MessageId + "-1");
        xml.WriteElementString("PmtMtd", "TRF");
        xml.WriteElementString("BtchBookg", "false");
        xml.WriteElementString("NbOfTxs", count);
        xml.WriteElementString("CtrlSum", sum);
        xml.WriteElementString("ReqdExctnDt", LimaTime.FromUtc(batch.ExecuteAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteStartElement("Dbtr");
        xml.WriteElementString("Nm", Clip(batch.DebtorName, NameMax));
        xml.WriteEndElement();
        xml.WriteStartElement("DbtrAcct");
        WriteOtherAccount(xml, batch.DebtorAccount);
        xml.WriteElementString("Ccy", Money.CurrencyCode);
        xml.WriteEndElement();
        xml.WriteStartElement("DbtrAgt");
        xml.WriteStartElement("FinInstnId");
        if (string.IsNullOrEmpty(batch.DebtorBic))
        {
            xml.WriteStartElement("Othr");
            xml.WriteElementString("Id", "NOTPROVIDED");
            xml.WriteEndElement();
        }
        else
        {
            xml.WriteElementString("BIC", batch.DebtorBic);
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteElementString("ChrgBr", "SLEV");

        foreach (var line in lines)
        {
            xml.WriteStartElement("CdtTrfTxInf");
            xml.WriteStartElement("PmtId");
            xml.WriteElementString("EndToEndId", line.EndToEndId);
            xml.WriteEndElement();
            xml.WriteStartElement("Amt");
            xml.WriteStartElement("InstdAmt");
            xml.WriteAttributeString("Ccy", Money.CurrencyCode);
            xml.WriteString(Amount(line.Amount));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("CdtrAgt");
            xml.WriteStartElement("FinInstnId");
            xml.WriteElementString("Nm", Clip(line.BankName, NameMax));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("Cdtr");
            xml.WriteElementString("Nm", Clip(line.CreditorName, NameMax));
            xml.WriteEndElement();
            xml.WriteStartElement("CdtrAcct");
            WriteOtherAccount(xml, line.Cci, "CCI");
            xml.WriteEndElement();
            xml.WriteStartElement("RmtInf");
            xml.WriteElementString("Ustrd", Clip(line.Remittance, NameMax));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The same lines as CSV (RFC 4180, UTF-8, a header row) for banks that take a spreadsheet.</summary>
    public static void WriteCsv(Stream output, IReadOnlyList<BankLine> lines)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(lines);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(CsvHeader);
        foreach (var line in lines)
        {
            writer.Write(Csv(line.EndToEndId));
            writer.Write(',');
            writer.Write(Amount(line.Amount));
            writer.Write(',');
            writer.Write(Money.CurrencyCode);
            writer.Write(',');
            writer.Write(Csv(line.CreditorName));
            writer.Write(',');
            writer.Write(Csv(line.BankName));
            writer.Write(',');
            writer.Write(Csv(line.AccountNumber));
            writer.Write(',');
            writer.Write(Csv(line.Cci));
            writer.Write(',');
            writer.WriteLine(Csv(line.Remittance));
        }
    }

    /// <summary>Amounts as the bank reads them: a point and always two decimals.</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static void WriteOtherAccount(XmlWriter xml, string account, string? scheme = null)
    {
        xml.WriteStartElement("Id");
        xml.WriteStartElement("Othr");
        xml.WriteElementString("Id", Clip(account, AccountMax));
        if (scheme is not null)
        {
            xml.WriteStartElement("SchmeNm");
            xml.WriteElementString("Prtry", scheme);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string LimaDateTime(DateTime utc)
    {
        var offset = LimaTime.Zone.GetUtcOffset(utc);
        var local = LimaTime.FromUtc(utc);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>At most <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    private static string Clip(string value, int max) =>
        value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    /// <summary>
    /// A CSV field, quoted when it holds a separator, a quote or a line break; text a spreadsheet would take for a formula
    /// (a leading = + - @, tab or carriage return) is defused by <see cref="SpreadsheetText"/>, the exports' one rule.
    /// Every CSV the app writes with people's text in it uses this one (the bank file, the import problem report).
    /// </summary>
    public static string Csv(string value)
    {
        value = SpreadsheetText.Defuse(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
