namespace Contests.Core.Common;

/// <summary>
/// A rule the domain refused, as a stable code the UI translates (resource key) plus the values
/// that go into the message. Domain code never formats text for people: that needs a culture.
/// </summary>
/// <param name="Code">Resource key, e.g. <c>Password.TooShort</c>.</param>
/// <param name="Field">The input the error belongs to, when there is one (shown next to that field).</param>
/// <param name="Arguments">Values for the message placeholders ({0}, {1} …).</param>
public sealed record DomainError(string Code, string? Field = null, params object[] Arguments);

/// <summary>
/// A plain number in a message (points, a percentage, megabytes): shown with the culture's separators
/// and its own decimals. A bare <see cref="decimal"/> argument is an amount of money.
/// </summary>
public readonly record struct Number(decimal Value);

/// <summary>Outcome of a domain operation: success, or the errors that prevented it.</summary>
public sealed class Result
{
    private static readonly Result SuccessInstance = new([]);

    private Result(IReadOnlyList<DomainError> errors) => Errors = errors;

    public IReadOnlyList<DomainError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static Result Success() => SuccessInstance;

    public static Result Fail(params DomainError[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }
        return new Result(errors);
    }

    public static Result Fail(IReadOnlyList<DomainError> errors) =>
        errors.Count == 0 ? SuccessInstance : new Result(errors);
}
