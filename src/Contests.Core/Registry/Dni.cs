using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>
/// A Peruvian national identity number (DNI): exactly 8 digits, leading zeros kept ("01234567" is
/// not "1234567": spreadsheets drop that zero, and the message says so).
/// </summary>
public sealed record Dni
{
    public const int Length = 8;

    private Dni(string value) => Value = value;

    public string Value { get; }

    public static Dni? TryParse(string? input, string field, out DomainError? error)
    {
        var value = DigitCode.Clean(input, Length, "Dni", field, out error);
        return value is null ? null : new Dni(value);
    }

    public static Dni Parse(string input) =>
        TryParse(input, "Dni", out var error) ?? throw new FormatException($"Invalid DNI: {error!.Code}");

    /// <summary>"******78": what roles that do not need the number see.</summary>
    public static string Mask(string? dni) =>
        string.IsNullOrEmpty(dni) ? string.Empty : dni.Length <= 2 ? dni : string.Concat(new string('*', Math.Max(0, dni.Length - 2)), dni[^2..]);

    public override string ToString() => Value;
}
