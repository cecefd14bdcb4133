namespace Contests.Web.Features.Shared;

/// <summary>
/// The element id of a form field and of its error message, from the field's name: "Points[0]" → "Points_0",
/// "Conflict.Reason" → "Conflict_Reason". Ids must match for a screen reader to read the error with the field
/// (<c>aria-describedby</c>) and for a label's <c>for</c>.
/// </summary>
public static class FieldIds
{
    public static string For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('.', '_').Replace('[', '_').Replace("]", "", StringComparison.Ordinal);
    }

    public static string ErrorOf(string name) => For(name) + "-error";
}
