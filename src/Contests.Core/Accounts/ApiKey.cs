using System.Security.Cryptography;
using System.Text;
using Contests.Core.Common;

namespace Contests.Core.Accounts;

/// <summary>
/// A key a funder's system presents to the read API (<c>/api/v1</c>). It only reads: nothing the API serves
/// writes anything but the request log. The secret is shown once, when the key is issued; only its SHA-256
/// is kept, with a short visible prefix that identifies the key in lists and logs. A revoked key stays listed.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 80;

    /// <summary>Random bytes of the secret (256 bits).</summary>
    public const int SecretBytes = 32;

    public const int PrefixLength = 8;

    /// <summary>What every key starts with, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string TokenStart = "ctk_";

    /// <summary>Lower-case hex of a SHA-256.</summary>
    public const int HashLength = 64;

    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        SecretHash = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The token's visible part after <see cref="TokenStart"/>: 8 lower-case letters and digits.</summary>
    public string Prefix { get; private set; }

    /// <summary>SHA-256 (hex) of the whole token.</summary>
    public string SecretHash { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime? RevokedUtc { get; private set; }

    public int? RevokedByUserId { get; private set; }

    public bool Revoked => RevokedUtc is not null;

    /// <summary>
    /// Issues a key: <c>ctk_&lt;prefix&gt;_&lt;secret&gt;</c>. The token is returned once and never stored; the caller shows it
    /// to the administrator and forgets it.
    /// </summary>
    public static (Result Result, ApiKey? Key, string? Token) Issue(string? name, int userId, DateTime nowUtc)
    {
        var errors = new List<DomainError>();
        var clean = Text.Name(name, NameMaxLength, nameof(Name), required: true, errors);
        if (clean is null || errors.Count > 0)
        {
            return (Result.Fail(errors), null, null);
        }
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var prefix = RandomNumberGenerator.GetString(alphabet, PrefixLength);
        var token = TokenStart + prefix + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Name = clean,
            Prefix = prefix,
            SecretHash = HashOf(token),
            CreatedUtc = nowUtc,
            CreatedByUserId = userId,
        };
        return (Result.Success(), key, token);
    }

    /// <summary>The prefix of a presented token, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string? token)
    {
        if (token is null || token.Length < TokenStart.Length + PrefixLength + 2 || !token.StartsWith(TokenStart, StringComparison.Ordinal)
            || token[TokenStart.Length + PrefixLength] != '_')
        {
            return null;
        }
        var prefix = token.Substring(TokenStart.Length, PrefixLength);
        return prefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) ? prefix : null;
    }

    public static string HashOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether <paramref name="token"/> is this key, comparing hashes in constant time; a revoked key matches nothing.</summary>
    public bool Accepts(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Revoked)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(SecretHash));
    }

    /// <summary>Revokes the key for good; revoking it again is refused.</summary>
    public Result Revoke(int userId, DateTime nowUtc)
    {
        if (Revoked)
        {
            return Result.Fail(new DomainError("ApiKeys.AlreadyRevoked"));
        }
        RevokedUtc = nowUtc;
        RevokedByUserId = userId;
        return Result.Success();
    }
}
