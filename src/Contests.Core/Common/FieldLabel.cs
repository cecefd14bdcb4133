namespace Contests.Core.Common;

/// <summary>
/// A message argument that names an input: the UI shows it as that field's label in the user's
/// language (a form) or as the column's name (an import report).
/// </summary>
public sealed record FieldLabel(string Field);
