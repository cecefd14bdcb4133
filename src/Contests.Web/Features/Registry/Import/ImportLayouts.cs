using Contests.Core.Common;

namespace Contests.Web.Features.Registry.Import;

/// <summary>One column of an import file: its header, the input field it fills, whether it must be present.</summary>
public sealed record ImportColumn(string Header, string Field, bool Required, string Example);

/// <summary>
/// The columns of each import, in template order. Headers are Spanish, lower-case, without accents
/// (they are matched ignoring case and accents, so "Año_nacimiento" also works).
/// </summary>
public static class ImportLayouts
{
    public static IReadOnlyList<ImportColumn> Households { get; } =
    [
        new("comunidad", "Community", true, "Huayllabamba"),
        new("ubigeo", "Ubigeo", true, "030101"),
        new("nombres", "HeadFirstNames", true, "Juana Rosa"),
        new("apellidos", "HeadLastNames", true, "Quispe Mamani"),
        new("dni", "HeadDni", true, "01234567"),
        new("sexo", "HeadSex", true, "F"),
        new("anio_nacimiento", "HeadBirthYear", true, "1980"),
        new("conyuge_nombres", "PartnerFirstNames", false, "Pedro"),
        new("conyuge_apellidos", "PartnerLastNames", false, "Huamán Ccori"),
        new("conyuge_dni", "PartnerDni", false, "45678912"),
        new("conyuge_sexo", "PartnerSex", false, "M"),
        new("miembros", "Members", true, "5"),
        new("telefono", "Phone", false, "983456123"),
        new("lengua_materna", "MotherTongue", false, "Quechua"),
        new("nivel_educativo", "Education", false, "Primaria"),
    ];

    public static IReadOnlyList<ImportColumn> Communities { get; } =
    [
        new("nombre", "Name", true, "Huayllabamba"),
        new("ubigeo", "Ubigeo", true, "030101"),
        new("partida_registral", "RegistryNumber", false, "11012345"),
        new("microcuenca", "Watershed", false, "Microcuenca Mariño"),
    ];

    public static IReadOnlyList<ImportColumn> Organizations { get; } =
    [
        new("nombre", "Name", true, "Asociación de Mujeres Virgen del Carmen"),
        new("tipo", "Type", true, "Grupo de mujeres"),
        new("ruc", "Ruc", false, "20131312955"),
        new("partida_registral", "RegistryNumber", false, ""),
        new("ubigeo", "Ubigeo", true, "030101"),
        new("presidente", "PresidentName", true, "Juana Quispe Huamán"),
        new("dni_presidente", "PresidentDni", true, "01234567"),
        new("tesorero", "TreasurerName", true, "Rosa Ccori Puma"),
        new("dni_tesorero", "TreasurerDni", true, "45678912"),
        new("dni_socios", "MemberDnis", false, "01234567 45678913"),
    ];

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Households => Households,
        ImportKind.Communities => Communities,
        _ => Organizations,
    };

    /// <summary>The header that names a field (for the report), or the field itself.</summary>
    public static string HeaderOf(ImportKind kind, string field) =>
        For(kind).FirstOrDefault(c => c.Field == field)?.Header ?? field;

    /// <summary>A template: the header row and one example row, with a BOM so Excel reads the accents.</summary>
    public static string Template(ImportKind kind)
    {
        var columns = For(kind);
        return "\uFEFF" + string.Join(",", columns.Select(c => c.Header)) + "\r\n"
            + string.Join(",", columns.Select(c => Quote(c.Example))) + "\r\n";
    }

    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Header key for matching: accents and case ignored, spaces as underscores.</summary>
    public static string HeaderKey(string header) =>
        Text.Key(header ?? string.Empty).Replace(' ', '_').ToLowerInvariant().Replace("ñ", "ni", StringComparison.Ordinal);
}
