using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>
/// A district's geographic code (UBIGEO, INEI): 6 digits = department (01–25) + province (01–99)
/// + district (01–99). Its first two and four digits are the department's and province's codes.
/// </summary>
public sealed record Ubigeo
{
    public const int Length = 6;
    public const int DepartmentCount = 25;

    private Ubigeo(string value) => Value = value;

    public string Value { get; }

    public string DepartmentCode => Value[..2];

    public string ProvinceCode => Value[..4];

    public static Ubigeo? TryParse(string? input, string field, out DomainError? error)
    {
        var value = DigitCode.Clean(input, Length, "Ubigeo", field, out error);
        if (value is null)
        {
            return null;
        }
        var department = int.Parse(value.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (department is < 1 or > DepartmentCount)
        {
            error = new DomainError("Ubigeo.Department", field, value[..2], DepartmentCount);
            return null;
        }
        if (value[2..4] == "00")
        {
            error = new DomainError("Ubigeo.Province", field);
            return null;
        }
        if (value[4..6] == "00")
        {
            error = new DomainError("Ubigeo.District", field);
            return null;
        }
        return new Ubigeo(value);
    }

    public static Ubigeo Parse(string input) =>
        TryParse(input, "Ubigeo", out var error) ?? throw new FormatException($"Invalid UBIGEO: {error!.Code}");

    public override string ToString() => Value;
}
