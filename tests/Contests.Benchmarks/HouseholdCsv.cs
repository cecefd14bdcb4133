using System.Globalization;
using System.Text;
using Contests.Web.Features.Registry.Import;

namespace Contests.Benchmarks;

/// <summary>
/// A households import file as an officer's spreadsheet would give it, generated deterministically (the same
/// rows on every run and every machine): UTF-8 with a byte-order mark and CRLF line ends (what Excel's
/// "CSV UTF-8" writes), the header of <see cref="ImportLayouts.Households"/>, and rows that are all valid:
/// Quechua and Spanish names with accents and Ñ, one or two first names, two surnames; about 40 % women
/// heads; about two households in three with a partner (every partner with a DNI of their own); DNIs unique
/// in the file and never one of the demo register's (those are 41,000,000–49,999,999), a quarter of them
/// with a leading zero; the five demo communities below, now and then in capitals or with a dashed UBIGEO;
/// members, birth years and phones (some with spaces, a fifth missing) in range.
/// </summary>
internal static class HouseholdCsv
{
    /// <summary>Five communities the demo register has (see <c>DemoRegistry</c>).</summary>
    public static readonly (string Name, string Ubigeo)[] Communities =
    [
        ("Huayllabamba", "030101"),
        ("Ccorhuani", "030101"),
        ("Kiuñalla", "030109"),
        ("Antilla", "030104"),
        ("Ccollpa", "030201"),
    ];

    private static readonly string[] WomenNames =
    [
        "Juana", "Rosa", "María", "Maruja", "Felicitas", "Justina", "Nélida", "Vilma", "Hilda", "Teodora",
        "Yolanda", "Sofía", "Inés", "Epifanía", "Marisol", "Lucía", "Ángela", "Dominga", "Saturnina", "Eulogia",
    ];

    private static readonly string[] MenNames =
    [
        "Juan", "Pedro", "Marcelino", "Valentín", "Florencio", "Celestino", "Víctor", "Eusebio", "Nicolás", "Hipólito",
        "Julián", "Teófilo", "Ángel", "Simón", "Rubén", "Efraín", "Agustín", "Néstor", "Saturnino", "Gregorio",
    ];

    private static readonly string[] Surnames =
    [
        "Quispe", "Mamani", "Huamán", "Ccori", "Condori", "Puma", "Huillca", "Sullca", "Taipe", "Ccahuana", "Cusi", "Layme",
        "Chipana", "Achahui", "Peña", "Ñahui", "Gutiérrez", "Ramírez", "Pérez", "Huarcaya", "Oscco", "Palomino", "Ayquipa",
        "Ccasani", "Ccoyllo", "Quiñones", "Yupanqui", "Sarmiento",
    ];

    /// <summary>The spreadsheet row (the header is row 1) the "refused" file breaks: 99,000 of 100,000.</summary>
    public static int BadRowFor(int rows) => Math.Clamp((int)(rows * 0.99), 2, rows + 1);

    /// <summary>
    /// The whole file: households <paramref name="first"/> to <paramref name="first"/> + <paramref name="rows"/> − 1
    /// (different numbers, different DNIs). With <paramref name="badRow"/>, that row's head DNI has 7 digits instead of 8.
    /// </summary>
    public static byte[] Generate(int rows, int? badRow = null, int first = 0)
    {
        var text = new StringBuilder(rows * 140);
        text.Append('\uFEFF').AppendJoin(',', ImportLayouts.Households.Select(c => c.Header)).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            var fields = Fields(first + i);
            if (badRow == SpreadsheetRow(i))
            {
                fields[Column("dni")] = fields[Column("dni")].Replace("-", "", StringComparison.Ordinal)[..7];
            }
            text.AppendJoin(',', fields.Select(ImportLayouts.Quote)).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString()); // UTF8Encoding.GetBytes writes no BOM itself; the \uFEFF above is it
    }

    /// <summary>Household number <paramref name="number"/> (row <paramref name="number"/> − first of its file, 0-based), field by field in header order, as written.</summary>
    public static string[] Fields(int number)
    {
        var row = (ulong)number;
        var (community, ubigeo) = Communities[Pick(row, 1, Communities.Length)];
        if (Pick(row, 2, 20) == 0)
        {
            community = community.ToUpperInvariant(); // "KIUÑALLA": names are matched ignoring case and accents
        }
        if (Pick(row, 3, 10) == 0)
        {
            ubigeo = $"{ubigeo[..2]}-{ubigeo[2..4]}-{ubigeo[4..]}";
        }
        var woman = Pick(row, 4, 5) < 2;
        var hasPartner = Pick(row, 5, 3) != 0;
        var members = hasPartner ? 2 + Pick(row, 6, 8) : 1 + Pick(row, 6, 7);
        var phone = Pick(row, 7, 5) == 0
            ? string.Empty
            : Pick(row, 8, 8) == 0
                ? string.Create(CultureInfo.InvariantCulture, $"9{Pick(row, 9, 100):D2} {Pick(row, 10, 1000):D3} {Pick(row, 11, 1000):D3}")
                : string.Create(CultureInfo.InvariantCulture, $"9{Pick(row, 9, 100_000_000):D8}");
        return
        [
            community,
            ubigeo,
            FirstNames(woman, row, 20),
            LastNames(row, 30),
            Dni(2L * number, Pick(row, 12, 50) == 0),
            woman ? (Pick(row, 13, 10) == 0 ? "Mujer" : "F") : (Pick(row, 13, 10) == 0 ? "Hombre" : "M"),
            (1940 + Pick(row, 14, 66)).ToString(CultureInfo.InvariantCulture),
            hasPartner ? FirstNames(!woman, row, 40) : string.Empty,
            hasPartner ? LastNames(row, 50) : string.Empty,
            hasPartner ? Dni((2L * number) + 1, Pick(row, 15, 50) == 0) : string.Empty,
            hasPartner ? (woman ? "M" : "F") : string.Empty,
            members.ToString(CultureInfo.InvariantCulture),
            phone,
        ];
    }

    /// <summary>The spreadsheet row of the 0-based data row <paramref name="index"/>: the header is row 1.</summary>
    public static int SpreadsheetRow(int index) => index + 2;

    public static int Column(string header)
    {
        for (var i = 0; i < ImportLayouts.Households.Count; i++)
        {
            if (ImportLayouts.Households[i].Header == header)
            {
                return i;
            }
        }
        throw new ArgumentException($"No households column '{header}'.", nameof(header));
    }

    /// <summary>
    /// DNI number <paramref name="k"/>: k × 7,919,731 + 12,345 modulo 40,000,000 is one-to-one (the multiplier is
    /// prime to 2⁹·5⁷), so every DNI of the file differs, and all are below the demo's 41,000,000.
    /// <paramref name="dashed"/> writes it "1234-5678" (one in fifty), which the importer reads as 12345678.
    /// </summary>
    private static string Dni(long k, bool dashed)
    {
        var value = ((k * 7_919_731L) + 12_345L) % 40_000_000L;
        var text = value.ToString("D8", CultureInfo.InvariantCulture);
        return dashed ? $"{text[..4]}-{text[4..]}" : text;
    }

    /// <summary>One or (three in ten) two first names.</summary>
    private static string FirstNames(bool woman, ulong row, int salt)
    {
        var names = woman ? WomenNames : MenNames;
        var first = names[Pick(row, salt, names.Length)];
        return Pick(row, salt + 1, 10) < 3 ? $"{first} {names[Pick(row, salt + 2, names.Length)]}" : first;
    }

    private static string LastNames(ulong row, int salt) =>
        $"{Surnames[Pick(row, salt, Surnames.Length)]} {Surnames[Pick(row, salt + 1, Surnames.Length)]}";

    /// <summary>A number below <paramref name="modulo"/>, fixed for each (row, salt): SplitMix64's finalizer, no Random needed.</summary>
    private static int Pick(ulong row, int salt, int modulo)
    {
        var x = (row << 8) + (ulong)salt + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (int)((x ^ (x >> 31)) % (ulong)modulo);
    }
}
