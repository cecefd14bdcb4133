using System.Security.Cryptography;
using System.Text;

namespace Contests.Core.Documents;

/// <summary>
/// The code printed on a document (in its QR and under it) that the public verification page answers for:
/// 16 characters of an unguessable id (80 random bits) followed by 8 characters of its signature (the first
/// 40 bits of an HMAC-SHA256 of the id with the server's key), in Crockford's base32 (no I, L, O, U: read
/// aloud or typed from paper without confusion; lower case and hyphens are accepted back). A code that was
/// not made with the key is refused before anything is looked up.
/// </summary>
public static class VerificationCode
{
    public const int IdBytes = 10;
    public const int IdLength = 16;
    public const int SignatureLength = 8;
    public const int Length = IdLength + SignatureLength;
    public const int MinKeyBytes = 32;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("contests/document/v1:");

    /// <summary>The id part of a new code, from <paramref name="random"/> bytes (the caller's generator: tests pass their own).</summary>
    public static string NewId(ReadOnlySpan<byte> random)
    {
        if (random.Length != IdBytes)
        {
            throw new ArgumentException($"A document id takes exactly {IdBytes} random bytes.", nameof(random));
        }
        return Encode(random);
    }

    /// <summary>The whole code for an id: the id and its signature with <paramref name="key"/>.</summary>
    public static string Sign(string id, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != IdLength || !id.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Not a document id.", nameof(id));
        }
        return id + SignatureOf(id, key);
    }

    /// <summary>
    /// The id a code stands for when its signature is right; null for anything else (wrong length, a
    /// character outside the alphabet, a signature made with another key or for another id).
    /// </summary>
    public static string? Verify(string? code, ReadOnlySpan<byte> key)
    {
        var clean = Normalize(code);
        if (clean is null)
        {
            return null;
        }
        var id = clean[..IdLength];
        var expected = Encoding.ASCII.GetBytes(SignatureOf(id, key));
        var given = Encoding.ASCII.GetBytes(clean[IdLength..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? id : null;
    }

    /// <summary>Upper case, hyphens and spaces removed, O→0 and I/L→1 as Crockford reads them; null if it can't be a code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return null;
        }
        var builder = new StringBuilder(Length);
        foreach (var raw in code)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }
            if (!char.IsAscii(raw))
            {
                return null; // before upper-casing: 'ſ' would become 'S'
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            builder.Append(c);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }

    private static string SignatureOf(string id, ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The verification key must have at least {MinKeyBytes} bytes.", nameof(key));
        }
        Span<byte> message = stackalloc byte[Context.Length + IdLength];
        Context.CopyTo(message);
        Encoding.ASCII.GetBytes(id, message[Context.Length..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, mac);
        return Encode(mac[..5]);
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // Every 5 bytes make 8 characters; both inputs here are multiples of 5 bytes.
        var builder = new StringBuilder(bytes.Length * 8 / 5);
        for (var i = 0; i < bytes.Length; i += 5)
        {
            ulong block = 0;
            for (var j = 0; j < 5; j++)
            {
                block = (block << 8) | bytes[i + j];
            }
            for (var shift = 35; shift >= 0; shift -= 5)
            {
                builder.Append(Alphabet[(int)((block >> shift) & 31)]);
            }
        }
        return builder.ToString();
    }
}
