namespace Contests.Web.Features.Shared;

/// <summary>One labelled input for the <c>_Field</c> partial: its error comes from ModelState under <see cref="Name"/>.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, string? Hint = null, string Type = "text",
    string? InputMode = null, string? Autocomplete = null, int? MaxLength = null, bool Required = false);
