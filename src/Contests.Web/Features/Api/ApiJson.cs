using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Contests.Web.Features.Api;

/// <summary>How the API writes JSON: camelCase names, UTC times in ISO 8601, money as a number with two decimals.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>Soles: always two decimals (<c>1250.50</c>, <c>300.00</c>), whatever scale the database returned.</summary>
public sealed class MoneyJson : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}

/// <summary><see cref="MoneyJson"/> for an amount that may be missing.</summary>
public sealed class NullableMoneyJson : JsonConverter<decimal?>
{
    private static readonly MoneyJson Money = new();

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } amount)
        {
            Money.Write(writer, amount, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// A JSON answer with a strong <c>ETag</c> (SHA-256 of the body): a client that sends it back in <c>If-None-Match</c>
/// gets <c>304 Not Modified</c> and no body.
/// </summary>
public sealed class ApiJsonResult(object value) : IActionResult
{
    public object Value { get; } = value;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, Value.GetType(), ApiJson.Options);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";
        var response = context.HttpContext.Response;
        response.Headers.ETag = etag;
        // Funders' systems may keep a copy but must ask again (cheaply, with If-None-Match) before using it.
        response.Headers.CacheControl = "private, no-cache";
        if (Matches(context.HttpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    private static bool Matches(HttpRequest request, string etag)
    {
        if (!EntityTagHeaderValue.TryParseList([.. request.Headers.IfNoneMatch.OfType<string>()], out var tags))
        {
            return false;
        }
        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
