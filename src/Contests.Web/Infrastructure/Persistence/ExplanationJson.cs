using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Review;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>
/// Allocation explanations as stored with an approved acta: each sentence its key and its values, every
/// value tagged with its type so it reads back as the same type and renders the same way (a decimal is
/// money, <see cref="Number"/> a plain number, an enum its localized name). Numbers are written as
/// invariant strings, so nothing is lost to floating point:
/// <c>[{"k":"Alloc.Place","a":[{"i":1},{"i":5},{"m":"600.00"}]}]</c>.
/// </summary>
public static class ExplanationJson
{
    private static readonly ConcurrentDictionary<string, Type> Enums = new(StringComparer.Ordinal);

    public static ValueComparer<IReadOnlyList<Explanation>> ListComparer { get; } = new(
        (a, b) => WriteList(a!) == WriteList(b!), v => WriteList(v).GetHashCode(StringComparison.Ordinal), v => v);

    public static ValueComparer<Explanation?> OneComparer { get; } = new(
        (a, b) => WriteOne(a) == WriteOne(b), v => (WriteOne(v) ?? string.Empty).GetHashCode(StringComparison.Ordinal), v => v);

    public static ValueComparer<ActaNotes?> NotesComparer { get; } = new(
        (a, b) => WriteNotes(a) == WriteNotes(b), v => (WriteNotes(v) ?? string.Empty).GetHashCode(StringComparison.Ordinal), v => v);

    public static string WriteList(IReadOnlyList<Explanation> explanations) => List(explanations).ToJsonString();

    public static IReadOnlyList<Explanation> ReadList(string json) => ReadArray(JsonNode.Parse(json)!.AsArray());

    public static string? WriteOne(Explanation? explanation) => explanation is null ? null : Node(explanation).ToJsonString();

    public static Explanation? ReadOne(string? json) => json is null ? null : Read(JsonNode.Parse(json)!.AsObject());

    public static string? WriteNotes(ActaNotes? notes)
    {
        if (notes is null)
        {
            return null;
        }
        var pools = new JsonObject();
        foreach (var (key, list) in notes.Pools.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            pools[key] = List(list);
        }
        return new JsonObject { ["round"] = List(notes.Round), ["pools"] = pools }.ToJsonString();
    }

    public static ActaNotes? ReadNotes(string? json)
    {
        if (json is null)
        {
            return null;
        }
        var root = JsonNode.Parse(json)!.AsObject();
        var pools = root["pools"]!.AsObject().ToDictionary(p => p.Key, p => ReadArray(p.Value!.AsArray()), StringComparer.Ordinal);
        return new ActaNotes(ReadArray(root["round"]!.AsArray()), pools);
    }

    private static JsonArray List(IReadOnlyList<Explanation> explanations) => [.. explanations.Select(e => (JsonNode)Node(e))];

    private static IReadOnlyList<Explanation> ReadArray(JsonArray array) => [.. array.Select(n => Read(n!.AsObject()))];

    private static JsonObject Node(Explanation explanation) =>
        new() { ["k"] = explanation.Key, ["a"] = new JsonArray([.. explanation.Arguments.Select(Value)]) };

    private static JsonNode Value(object value) => value switch
    {
        decimal amount => new JsonObject { ["m"] = Invariant(amount) },
        decimal[] amounts => new JsonObject { ["ms"] = new JsonArray([.. amounts.Select(a => (JsonNode)Invariant(a))]) },
        string[] names => new JsonObject { ["ss"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) },
        Number number => new JsonObject { ["n"] = Invariant(number.Value) },
        int count => new JsonObject { ["i"] = count },
        string text => new JsonObject { ["s"] = text },
        Enum e => new JsonObject { ["e"] = e.GetType().Name + "." + e },
        _ => throw new ArgumentException($"An explanation value of type {value.GetType().Name} can't be stored.", nameof(value)),
    };

    private static Explanation Read(JsonObject node) =>
        new((string)node["k"]!, [.. node["a"]!.AsArray().Select(a => ReadValue(a!.AsObject()))]);

    private static object ReadValue(JsonObject value)
    {
        var (tag, node) = value.Single();
        return tag switch
        {
            "m" => Parse((string)node!),
            "ms" => node!.AsArray().Select(a => Parse((string)a!)).ToArray(),
            "ss" => node!.AsArray().Select(a => (string)a!).ToArray(),
            "n" => new Number(Parse((string)node!)),
            "i" => (int)node!,
            "s" => (string)node!,
            "e" => ReadEnum((string)node!),
            _ => throw new JsonException($"Unknown explanation value tag '{tag}'."),
        };
    }

    private static object ReadEnum(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var type = Enums.GetOrAdd(text[..dot], name => typeof(Explanation).Assembly.GetTypes().Single(t => t.IsEnum && t.Name == name));
        return Enum.Parse(type, text[(dot + 1)..]);
    }

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
