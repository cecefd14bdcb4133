using System.Text;
using Contests.Core.Common;

namespace Contests.Core.Documents;

/// <summary>One clause of a contract: its title ("PRIMERA — LAS PARTES") and its body, paragraphs separated by '\n'.</summary>
/// <param name="Title">The clause's title, plain text.</param>
/// <param name="Body">The clause's text; may hold placeholders <c>{nombre_del_dato}</c> from <see cref="ContractPlaceholders"/>.</param>
public sealed record ContractClause(string Title, string Body);

/// <summary>A datum a contract clause can print: its name (as written between braces) and what it holds, in Spanish.</summary>
/// <param name="Name">The name, lower-case letters, digits and underscores: <c>monto_total</c>.</param>
/// <param name="Description">What the value is, shown to the officer who edits the template.</param>
public sealed record ContractPlaceholder(string Name, string Description);

/// <summary>
/// The data a <see cref="ContractTemplate"/> may print, written <c>{nombre}</c> in a clause's body. Values are supplied
/// already formatted for print (amounts "S/ 12,500.00", words "DOCE MIL QUINIENTOS Y 00/100 SOLES", percentages "80 %",
/// dates "24 de noviembre de 2026"): the domain does not format text for people.
/// </summary>
public static class ContractPlaceholders
{
    /// <summary>What a missing or blank value prints: a line to fill in by hand.</summary>
    public const string Blank = "________";

    /// <summary>Every known placeholder, in the order the template editor lists them.</summary>
    public static readonly IReadOnlyList<ContractPlaceholder> All =
    [
        new("programa", "Nombre del programa o proyecto donante"),
        new("oficina", "Oficina local que ejecuta el concurso"),
        new("jefe_oficina", "Jefe(a) de la oficina local, representante del proyecto"),
        new("jefe_oficina_dni", "DNI del jefe(a) de la oficina local (puede quedar en blanco para llenarlo a mano)"),
        new("organizacion", "Nombre de la organización o comunidad beneficiaria"),
        new("organizacion_ruc", "RUC de la organización"),
        new("presidente", "Presidente(a) de la organización"),
        new("presidente_dni", "DNI del presidente(a)"),
        new("tesorero", "Tesorero(a) de la organización"),
        new("tesorero_dni", "DNI del tesorero(a)"),
        new("fuente_financiamiento", "Fuente de financiamiento, como se lee tras «el proyecto se financia con»: «recursos del Convenio de Préstamo N.° …»"),
        new("acta_numero", "Número del acta del CLAR que aprobó el plan"),
        new("acta_fecha", "Fecha del acta del CLAR"),
        new("concurso", "Nombre del concurso o ronda"),
        new("plan_titulo", "Título del plan o propuesta aprobada"),
        new("monto_proyecto", "Aporte del proyecto, en cifras"),
        new("monto_proyecto_letras", "Aporte del proyecto, en letras"),
        new("monto_contrapartida", "Contrapartida de la organización, en cifras"),
        new("monto_contrapartida_letras", "Contrapartida de la organización, en letras"),
        new("monto_total", "Costo total del plan, en cifras"),
        new("monto_total_letras", "Costo total del plan, en letras"),
        new("porcentaje_proyecto", "Porcentaje del costo total que aporta el proyecto"),
        new("porcentaje_contrapartida", "Porcentaje del costo total que aporta la organización"),
        new("plazo_meses", "Plazo de ejecución, en meses"),
        new("primer_tramo_porcentaje", "Porcentaje del aporte del proyecto que se desembolsa en el primer tramo (como máximo 70 %)"),
        new("segundo_tramo_porcentaje", "Porcentaje del aporte del proyecto que se desembolsa en el segundo tramo"),
        new("banco", "Entidad financiera supervisada por la SBS donde está la cuenta de la organización"),
        new("cuenta", "Número de cuenta de la organización"),
        new("cci", "Código de cuenta interbancario (CCI) de la cuenta"),
        new("lugar", "Lugar de suscripción del contrato"),
        new("fecha", "Fecha de suscripción del contrato"),
    ];

    private static readonly HashSet<string> Names = [.. All.Select(p => p.Name)];

    /// <summary>Whether <paramref name="name"/> is a placeholder of the catalogue.</summary>
    public static bool IsKnown(string name) => Names.Contains(name);

    /// <summary>The placeholder names written in <paramref name="text"/>, in order of appearance (repeats included; malformed ones skipped).</summary>
    public static IReadOnlyList<string> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && NameAt(text, i + 1) is { } end)
            {
                names.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            i++;
        }
        return names;
    }

    /// <summary>
    /// When a well-formed name starts at <paramref name="start"/> (one or more of a–z, 0–9, '_', then '}'), the index of
    /// that closing brace; otherwise null.
    /// </summary>
    internal static int? NameAt(string text, int start)
    {
        var i = start;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }
        return i > start && i < text.Length && text[i] == '}' ? i : null;
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
}

/// <summary>
/// The <i>contrato de donación con cargo</i> the programme signs with each funded organization (docs/architecture.md#how-the-programmes-do-it), as a
/// list of clauses the programme can edit. Versioned and never edited: a change is a new version
/// (<see cref="NextVersion"/>) with a note saying what changed, so every issued contract can say which text it used.
/// Clause bodies hold placeholders (<c>{monto_total}</c>) from <see cref="ContractPlaceholders"/>, replaced by
/// <see cref="Fill"/> when a contract is issued.
/// </summary>
public sealed class ContractTemplate
{
    public const int MaxClauses = 40;
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 4000;
    public const int NoteMaxLength = 500;

    private ContractTemplate()
    {
        Clauses = [];
    }

    public int Id { get; private set; }

    /// <summary>1 for the first text, then one more for each change.</summary>
    public int Version { get; private set; }

    /// <summary>The clauses in print order.</summary>
    public IReadOnlyList<ContractClause> Clauses { get; private set; }

    /// <summary>What changed from the previous version (required from version 2 on; null for version 1 when not given).</summary>
    public string? Note { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>
    /// A version of the template, or null with the reasons in <paramref name="errors"/>: 1 to <see cref="MaxClauses"/>
    /// clauses, each with a title (≤ <see cref="TitleMaxLength"/> characters, no braces) and a body
    /// (≤ <see cref="BodyMaxLength"/>) whose placeholders are all known and well formed; a note from version 2 on.
    /// Titles are cleaned like any typed text; bodies keep their paragraphs, each trimmed, blank lines dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public static ContractTemplate? Create(int version, IReadOnlyList<ContractClause> clauses, string? note, int userId, DateTime nowUtc,
        ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var before = errors.Count;
        if (clauses.Count == 0)
        {
            errors.Add(new DomainError("Contract.NoClauses", nameof(Clauses)));
        }
        else if (clauses.Count > MaxClauses)
        {
            errors.Add(new DomainError("Contract.TooManyClauses", nameof(Clauses), MaxClauses));
        }
        var clean = new List<ContractClause>(Math.Min(clauses.Count, MaxClauses));
        for (var i = 0; i < clauses.Count && i < MaxClauses; i++)
        {
            var clause = clauses[i];
            var title = Title(clause?.Title, $"{nameof(Clauses)}[{i}].Title", errors);
            var body = Body(clause?.Body, $"{nameof(Clauses)}[{i}].Body", errors);
            if (title is not null && body is not null)
            {
                clean.Add(new ContractClause(title, body));
            }
        }
        var cleanNote = version == 1
            ? Text.Optional(note, NoteMaxLength, nameof(Note), errors)
            : Text.Required(note, NoteMaxLength, nameof(Note), errors);
        if (errors.Count > before)
        {
            return null;
        }
        return new ContractTemplate
        {
            Version = version, Clauses = clean, Note = cleanNote, CreatedByUserId = userId, CreatedUtc = nowUtc,
        };
    }

    /// <summary>
    /// The next version with other clauses (this one stays as it is): same rules as <see cref="Create"/>, the note is
    /// required, and clauses identical to this version's are refused (<c>Contract.Unchanged</c>).
    /// </summary>
    public ContractTemplate? NextVersion(IReadOnlyList<ContractClause> clauses, string? note, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var next = Create(Version + 1, clauses, note, userId, nowUtc, errors);
        if (next is not null && next.Clauses.SequenceEqual(Clauses))
        {
            errors.Add(new DomainError("Contract.Unchanged", nameof(Clauses)));
            return null;
        }
        return errors.Count > before ? null : next;
    }

    /// <summary>
    /// Version 1: the programme's usual contract (docs/architecture.md#how-the-programmes-do-it), eleven clauses from PRIMERA — LAS PARTES to
    /// UNDÉCIMA — NORMAS SUPLETORIAS, using every placeholder of <see cref="ContractPlaceholders.All"/>.
    /// </summary>
    public static ContractTemplate Default(int userId, DateTime nowUtc)
    {
        var errors = new List<DomainError>();
        return Create(1, DefaultClauses, null, userId, nowUtc, errors)
            ?? throw new InvalidOperationException("The default contract template is invalid: " + string.Join(", ", errors.Select(e => $"{e.Code} {e.Field}")));
    }

    /// <summary>The clauses of <see cref="Default"/>.</summary>
    public static IReadOnlyList<ContractClause> DefaultClauses { get; } =
    [
        new("PRIMERA — LAS PARTES",
            "Conste por el presente documento el Contrato de Donación con Cargo que celebran, de una parte, el {programa}, a través de su "
            + "{oficina}, debidamente representado por su Jefe(a) de Oficina Local, {jefe_oficina}, identificado(a) con DNI N.° {jefe_oficina_dni}, "
            + "a quien en adelante se denominará EL PROYECTO; y, de la otra parte, la organización {organizacion}, con RUC N.° {organizacion_ruc}, "
            + "debidamente representada por su Presidente(a), {presidente}, identificado(a) con DNI N.° {presidente_dni}, y por su Tesorero(a), "
            + "{tesorero}, identificado(a) con DNI N.° {tesorero_dni}, facultados para este acto por acuerdo de su asamblea general, a quien en "
            + "adelante se denominará LA ORGANIZACIÓN; en los términos y condiciones siguientes:\n"
            + "Los representantes de LA ORGANIZACIÓN declaran que sus cargos se encuentran vigentes y que la asamblea general de socios ha "
            + "aprobado la suscripción del presente contrato y el aporte de la contrapartida que en él se establece."),
        new("SEGUNDA — ANTECEDENTES",
            "EL PROYECTO se financia con {fuente_financiamiento} y tiene entre sus estrategias la transferencia de recursos a "
            + "organizaciones y comunidades rurales mediante concursos públicos, cuyos resultados son evaluados y aprobados por el Comité Local "
            + "de Asignación de Recursos (CLAR), instancia en la que participan representantes de la sociedad civil y de las autoridades locales.\n"
            + "En el marco del {concurso}, LA ORGANIZACIÓN presentó el plan denominado «{plan_titulo}», que fue evaluado en campo y en "
            + "presentación pública y aprobado por el CLAR según consta en el Acta N.° {acta_numero}, de fecha {acta_fecha}, la cual forma parte "
            + "del presente contrato. En dicha acta se establecen los montos de cofinanciamiento que corresponden a EL PROYECTO y a LA ORGANIZACIÓN."),
        new("TERCERA — OBJETO",
            "Por el presente contrato, EL PROYECTO dona a LA ORGANIZACIÓN la suma de dinero señalada en la cláusula cuarta, con el cargo de "
            + "destinarla íntegra y exclusivamente a la ejecución del plan «{plan_titulo}», conforme a la propuesta aprobada por el CLAR y al "
            + "cuadro de componentes anexo.\n"
            + "LA ORGANIZACIÓN acepta la donación y el cargo que la acompaña, y se obliga a cumplirlo en los términos y plazos del presente "
            + "contrato. Los bienes y servicios que se adquieran con los fondos donados serán de propiedad de LA ORGANIZACIÓN y estarán al "
            + "servicio de sus socios para los fines del plan."),
        new("CUARTA — MONTO Y CONTRAPARTIDA",
            "El costo total del plan asciende a {monto_total} ({monto_total_letras}), que se financia de la manera siguiente: a) EL PROYECTO "
            + "dona la suma de {monto_proyecto} ({monto_proyecto_letras}), equivalente al {porcentaje_proyecto} del costo total; y b) LA "
            + "ORGANIZACIÓN aporta, como contrapartida, la suma de {monto_contrapartida} ({monto_contrapartida_letras}), equivalente al "
            + "{porcentaje_contrapartida} del costo total, en dinero depositado en la cuenta señalada en la cláusula sexta.\n"
            + "El detalle por componente figura en el cuadro anexo, que forma parte integrante del presente contrato. La donación no genera "
            + "intereses ni obligación de reembolso mientras se cumpla el cargo, y no podrá ser destinada al pago de deudas, multas, tributos "
            + "ajenos al plan ni gastos de representación de los dirigentes."),
        new("QUINTA — PLAZO",
            "El plazo de ejecución del plan es de {plazo_meses} meses, contados a partir de la fecha del primer desembolso. Dentro de dicho "
            + "plazo LA ORGANIZACIÓN deberá ejecutar todas las actividades del plan y acreditar el cumplimiento del cargo conforme a la "
            + "cláusula octava.\n"
            + "El plazo podrá ampliarse por única vez, por causas debidamente justificadas y ajenas a la voluntad de LA ORGANIZACIÓN, a "
            + "solicitud escrita presentada antes de su vencimiento y aprobada por EL PROYECTO mediante adenda."),
        new("SEXTA — DESEMBOLSOS",
            "EL PROYECTO transferirá los fondos donados a la cuenta N.° {cuenta}, con Código de Cuenta Interbancario (CCI) N.° {cci}, abierta a "
            + "nombre de LA ORGANIZACIÓN en {banco}, entidad supervisada por la Superintendencia de Banca, Seguros y AFP (SBS). La cuenta será "
            + "manejada con las firmas conjuntas del Presidente(a) y del Tesorero(a), y en ella se depositará también la contrapartida.\n"
            + "El desembolso se efectuará en dos tramos: a) el primer tramo, equivalente al {primer_tramo_porcentaje} del aporte de EL PROYECTO, "
            + "que en ningún caso excederá el setenta por ciento (70 %) de dicho aporte, una vez que LA ORGANIZACIÓN acredite, con la constancia "
            + "del depósito, haber depositado en la cuenta no menos del cincuenta por ciento (50 %) de su contrapartida; y b) el segundo tramo, "
            + "equivalente al {segundo_tramo_porcentaje} del aporte de EL PROYECTO, una vez que el CLAR apruebe el avance de la ejecución del plan "
            + "y LA ORGANIZACIÓN haya rendido cuenta documentada de no menos del setenta por ciento (70 %) del primer tramo.\n"
            + "Los montos y condiciones de cada tramo se detallan en el cuadro siguiente."),
        new("SÉPTIMA — OBLIGACIONES DE LA ORGANIZACIÓN",
            "LA ORGANIZACIÓN se obliga a: a) ejecutar el plan en los términos aprobados por el CLAR, con la participación de sus socios y socias; "
            + "b) presentar a EL PROYECTO un informe de avance antes de solicitar el segundo tramo y el informe final al término del plazo; "
            + "c) permitir en todo momento el acceso del personal de EL PROYECTO, de los miembros del CLAR y de quienes estos designen a los "
            + "lugares de ejecución, a sus libros de actas y de caja, a los comprobantes y a los movimientos de la cuenta, para el seguimiento, "
            + "la supervisión y la auditoría; d) conservar los documentos originales que sustentan los gastos durante cinco (5) años contados "
            + "desde la liquidación del contrato; e) no emplear trabajo infantil en ninguna de las actividades financiadas, conforme al Código de "
            + "los Niños y Adolescentes y a los convenios de la Organización Internacional del Trabajo ratificados por el Perú; y f) informar a "
            + "su asamblea general sobre el uso de los recursos recibidos.\n"
            + "LA ORGANIZACIÓN es la única responsable de las obligaciones laborales, tributarias y civiles que contraiga con terceros para la "
            + "ejecución del plan, sin que ello genere responsabilidad alguna para EL PROYECTO."),
        new("OCTAVA — EL CARGO Y SU ACREDITACIÓN",
            "El cargo consiste en destinar íntegramente los fondos donados y la contrapartida a la ejecución del plan y en acreditarlo ante EL "
            + "PROYECTO. Para ello, dentro de los treinta (30) días calendario siguientes al vencimiento del plazo, LA ORGANIZACIÓN presentará: "
            + "a) el informe final de ejecución, con los resultados alcanzados y registro fotográfico; b) los comprobantes de pago autorizados por "
            + "la SUNAT que sustentan los gastos o, cuando en la zona no sea posible obtenerlos, declaraciones juradas visadas por la directiva; "
            + "c) el acta de la asamblea general de cierre, en la que los socios aprueban la rendición de cuentas; y d) el extracto de la cuenta "
            + "bancaria que muestre el movimiento de los fondos desde su apertura.\n"
            + "Con la conformidad escrita de EL PROYECTO se tendrá por cumplido el cargo y por liquidado el presente contrato."),
        new("NOVENA — RESOLUCIÓN Y DEVOLUCIÓN",
            "EL PROYECTO podrá resolver el presente contrato de pleno derecho, conforme al artículo 1430 del Código Civil, mediante comunicación "
            + "escrita dirigida a LA ORGANIZACIÓN, si esta: a) destina los fondos a fines distintos de los previstos en el plan; b) no deposita "
            + "su contrapartida en las condiciones pactadas; c) no acredita el cumplimiento del cargo en el plazo establecido; d) presenta "
            + "información o documentación falsa o adulterada; o e) impide o dificulta las acciones de seguimiento y supervisión.\n"
            + "Resuelto el contrato, LA ORGANIZACIÓN devolverá a EL PROYECTO, dentro de los quince (15) días calendario siguientes a la "
            + "comunicación, los fondos no utilizados y los utilizados sin el sustento exigido en la cláusula octava, sin perjuicio de las "
            + "acciones civiles y penales que correspondan contra los responsables."),
        new("DÉCIMA — SOLUCIÓN DE CONTROVERSIAS",
            "Las partes procurarán resolver de buena fe y en trato directo toda discrepancia o controversia derivada de la interpretación o "
            + "ejecución del presente contrato, para lo cual podrán solicitar la participación del CLAR como instancia de diálogo y conciliación.\n"
            + "De no llegar a un acuerdo dentro de los treinta (30) días calendario de planteada la controversia, las partes se someten a la "
            + "competencia de los jueces y tribunales del distrito judicial donde tiene su sede la {oficina}, renunciando al fuero de sus domicilios."),
        new("UNDÉCIMA — NORMAS SUPLETORIAS",
            "En todo lo no previsto en el presente contrato se aplican supletoriamente las disposiciones del Código Civil sobre la donación, "
            + "contenidas en el artículo 1621 y siguientes, y las normas generales sobre contratos.\n"
            + "Estando las partes conformes con todas las cláusulas del presente contrato, lo suscriben en tres (3) ejemplares de igual valor, "
            + "en {lugar}, el {fecha}."),
    ];

    /// <summary>
    /// The clauses with every <c>{nombre}</c> replaced by its value; a missing or blank value prints
    /// <see cref="ContractPlaceholders.Blank"/>. One pass: braces inside a value are printed as they are, never expanded.
    /// Titles are printed as written.
    /// </summary>
    public IReadOnlyList<ContractClause> Fill(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. Clauses.Select(c => c with { Body = FillText(c.Body, values) })];
    }

    /// <summary>One text with its placeholders replaced (see <see cref="Fill(IReadOnlyDictionary{string, string})"/>).</summary>
    public static string FillText(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(text.Length + 256);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && ContractPlaceholders.NameAt(text, i + 1) is { } end)
            {
                var name = text[(i + 1)..end];
                builder.Append(values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : ContractPlaceholders.Blank);
                i = end + 1;
                continue;
            }
            builder.Append(text[i]);
            i++;
        }
        return builder.ToString();
    }

    private static string? Title(string? input, string field, ICollection<DomainError> errors)
    {
        var texts = new List<DomainError>();
        var title = Text.Required(input, TitleMaxLength, field, texts);
        foreach (var error in texts)
        {
            errors.Add(error with { Arguments = [.. error.Arguments.Select(a => a is FieldLabel ? new FieldLabel("ClauseTitle") : a)] });
        }
        if (title is not null && title.IndexOfAny(['{', '}']) >= 0)
        {
            errors.Add(new DomainError("Contract.BadPlaceholder", field, title));
            return null;
        }
        return title;
    }

    /// <summary>The body with its paragraphs trimmed and blank lines dropped, checked for length and placeholders.</summary>
    private static string? Body(string? input, string field, ICollection<DomainError> errors)
    {
        var paragraphs = (input ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(Text.Clean).OfType<string>().ToList();
        if (paragraphs.Count == 0)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel("ClauseBody")));
            return null;
        }
        var body = string.Join('\n', paragraphs);
        if (body.Length > BodyMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", field, new FieldLabel("ClauseBody"), BodyMaxLength));
            return null;
        }
        var ok = true;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '{')
            {
                if (ContractPlaceholders.NameAt(body, i + 1) is { } end)
                {
                    var name = body[(i + 1)..end];
                    if (!ContractPlaceholders.IsKnown(name))
                    {
                        errors.Add(new DomainError("Contract.UnknownPlaceholder", field, name));
                        ok = false;
                    }
                    i = end + 1;
                    continue;
                }
                errors.Add(new DomainError("Contract.BadPlaceholder", field, Fragment(body, i)));
                ok = false;
            }
            else if (c == '}')
            {
                errors.Add(new DomainError("Contract.BadPlaceholder", field, Fragment(body, i)));
                ok = false;
            }
            i++;
        }
        return ok ? body : null;
    }

    /// <summary>The text around a stray brace, to show the editor where it is.</summary>
    private static string Fragment(string text, int at)
    {
        var start = Math.Max(0, at - 15);
        var end = Math.Min(text.Length, at + 25);
        return text[start..end];
    }
}
