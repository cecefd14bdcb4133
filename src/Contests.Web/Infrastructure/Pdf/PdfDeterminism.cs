using System.Buffers.Binary;
using System.Text;

namespace Contests.Web.Infrastructure.Pdf;

/// <summary>
/// Makes PDFsharp output reproducible. PDFsharp 6.5 writes three random values on every save:
/// the font subset tags (<c>/FontName/ABCDEF+DejaVu…</c>, from <c>Guid.NewGuid()</c>), the trailer
/// <c>/ID</c>, and the XMP <c>xmpMM:DocumentID</c>/<c>InstanceID</c> uuids. They are replaced in place by
/// values derived from a 256-bit hash of the rest of the file (the PDF specification recommends a content
/// hash for /ID anyway; a fast non-cryptographic hash is enough, nothing is signed). Every replacement has the original length, so the cross-reference offsets stay valid.
/// </summary>
internal static class PdfDeterminism
{
    private static readonly byte[] FontNameKey = "/FontName/"u8.ToArray();
    private static readonly byte[] BaseFontKey = "/BaseFont/"u8.ToArray();
    private static readonly byte[] DocumentIdKey = "<xmpMM:DocumentID>uuid:"u8.ToArray();
    private static readonly byte[] InstanceIdKey = "<xmpMM:InstanceID>uuid:"u8.ToArray();
    private static readonly byte[] TrailerIdKey = "/ID[<"u8.ToArray();
    private const int UuidLength = 36;
    private const int IdHexLength = 32;

    /// <summary>Rewrites the random parts of <paramref name="pdf"/> in place.</summary>
    public static void Normalize(byte[] pdf)
    {
        // 1. Locate the random parts.
        var tagOffsets = new List<int>();
        foreach (var key in (ReadOnlySpan<byte[]>)[FontNameKey, BaseFontKey])
        {
            foreach (var at in FindAll(pdf, key))
            {
                var tag = at + key.Length;
                if (tag + 7 <= pdf.Length && pdf[tag + 6] == (byte)'+' && IsUpper(pdf.AsSpan(tag, 6)))
                {
                    tagOffsets.Add(tag);
                }
            }
        }
        var uuidOffsets = new List<int>();
        foreach (var key in (ReadOnlySpan<byte[]>)[DocumentIdKey, InstanceIdKey])
        {
            uuidOffsets.AddRange(FindAll(pdf, key).Select(at => at + key.Length).Where(o => o + UuidLength <= pdf.Length));
        }
        var idOffsets = new List<int>();
        var trailerId = pdf.AsSpan().LastIndexOf(TrailerIdKey);
        if (trailerId >= 0)
        {
            var first = trailerId + TrailerIdKey.Length;
            var second = first + IdHexLength + 2; // "><"
            if (second + IdHexLength <= pdf.Length && pdf[first + IdHexLength] == (byte)'>' && pdf[first + IdHexLength + 1] == (byte)'<')
            {
                idOffsets.Add(first);
                idOffsets.Add(second);
            }
        }

        // 2. Remember the original tags (same tag = same font), mask everything and hash.
        var originalTags = tagOffsets.Select(o => Encoding.ASCII.GetString(pdf, o, 6)).ToList();
        foreach (var o in tagOffsets)
        {
            pdf.AsSpan(o, 6).Fill((byte)'A');
        }
        foreach (var o in uuidOffsets)
        {
            pdf.AsSpan(o, UuidLength).Fill((byte)'0');
        }
        foreach (var o in idOffsets)
        {
            pdf.AsSpan(o, IdHexLength).Fill((byte)'0');
        }
        var hash = Hash(pdf);

        // 3. Write values derived from the hash.
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tagOffsets.Count; i++)
        {
            if (!tags.TryGetValue(originalTags[i], out var tag))
            {
                var k = tags.Count;
                var letters = new char[6];
                for (var j = 0; j < 6; j++)
                {
                    letters[j] = (char)('A' + ((hash[(j + (k * 6)) % hash.Length] + k) % 26));
                }
                tag = new string(letters);
                while (!used.Add(tag))
                {
                    letters[5] = (char)('A' + ((letters[5] - 'A' + 1) % 26));
                    tag = new string(letters);
                }
                tags[originalTags[i]] = tag;
            }
            Encoding.ASCII.GetBytes(tag, pdf.AsSpan(tagOffsets[i], 6));
        }
        for (var i = 0; i < uuidOffsets.Count; i++)
        {
            var uuid = new Guid(hash.AsSpan((i % 2) * 16, 16)).ToString("D");
            Encoding.ASCII.GetBytes(uuid, pdf.AsSpan(uuidOffsets[i], UuidLength));
        }
        var id = Convert.ToHexString(hash, 0, 16);
        foreach (var o in idOffsets)
        {
            Encoding.ASCII.GetBytes(id, pdf.AsSpan(o, IdHexLength));
        }
    }

    /// <summary>Fast, stable (process-independent) 256-bit mixing hash; not cryptographic.</summary>
    private static byte[] Hash(ReadOnlySpan<byte> data)
    {
        const ulong M1 = 0x9E3779B97F4A7C15;
        const ulong M2 = 0xC2B2AE3D27D4EB4F;
        const ulong M3 = 0x165667B19E3779F9;
        const ulong M4 = 0xD6E8FEB86659FD93;
        ulong a = M1, b = M2, c = M3, d = M4 ^ (ulong)data.Length;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var w = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
            a = ulong.RotateLeft(a ^ (w * M2), 31) * M1;
            b = ulong.RotateLeft(b + (w * M3), 29) * M4;
            c ^= a + ulong.RotateLeft(w, 17);
            d += b ^ ulong.RotateLeft(w, 43);
        }
        ulong tail = 0;
        for (var k = 0; i < data.Length; i++, k += 8)
        {
            tail |= (ulong)data[i] << k;
        }
        a ^= tail * M4;
        var result = new byte[32];
        Span<ulong> lanes = [Mix(a + d), Mix(b ^ c), Mix(c + a + M2), Mix(d ^ b ^ M3)];
        for (var l = 0; l < 4; l++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(l * 8), lanes[l]);
        }
        return result;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCD;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53;
        return x ^ (x >> 33);
    }

    private static bool IsUpper(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }
        return true;
    }

    private static List<int> FindAll(byte[] data, byte[] key)
    {
        var result = new List<int>();
        var start = 0;
        while (start < data.Length)
        {
            var i = data.AsSpan(start).IndexOf(key);
            if (i < 0)
            {
                break;
            }
            result.Add(start + i);
            start += i + key.Length;
        }
        return result;
    }
}
