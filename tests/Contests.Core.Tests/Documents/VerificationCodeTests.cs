using System.Security.Cryptography;
using System.Text;
using Contests.Core.Documents;
using static Contests.Core.Tests.Documents.DocumentBuilders;

namespace Contests.Core.Tests.Documents;

/// <summary>The printed verification code: a random id in Crockford base32 and its 40-bit HMAC signature.</summary>
public sealed class VerificationCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly string Code = VerificationCode.Sign(CodeId, Key);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(16)]
    public void NewId_NotExactlyTenBytes_IsRefused(int length)
    {
        var bytes = new byte[length];

        var error = Assert.Throws<ArgumentException>(() => VerificationCode.NewId(bytes));

        Assert.Equal("random", error.ParamName);
    }

    [Fact]
    public void NewId_GivesSixteenCrockfordCharacters_WithoutILOU()
    {
        var random = new Random(20261123);
        var bytes = new byte[VerificationCode.IdBytes];
        for (var i = 0; i < 1_000; i++)
        {
            random.NextBytes(bytes);

            var id = VerificationCode.NewId(bytes);

            Assert.Equal(16, id.Length);
            Assert.All(id, c => Assert.Contains(c, Alphabet));
            Assert.DoesNotContain(id, c => c is 'I' or 'L' or 'O' or 'U');
        }
    }

    [Fact]
    public void NewId_KnownBytes_EncodeFiveBitsPerCharacter_MostSignificantFirst()
    {
        Assert.Equal("0000000000000000", VerificationCode.NewId(new byte[10]));
        Assert.Equal("ZZZZZZZZZZZZZZZZ", VerificationCode.NewId([.. Enumerable.Repeat((byte)0xFF, 10)]));
        // 00001000 01000010 00010000 10000100 00100001 = 00001 × 8
        Assert.Equal("1111111111111111", VerificationCode.NewId([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]));
        // 0x00 0x44 0x32 0x14 0xC7 = 00000 00001 00010 00011 00100 00101 00110 00111
        Assert.Equal("01234567" + "01234567", VerificationCode.NewId([0x00, 0x44, 0x32, 0x14, 0xC7, 0x00, 0x44, 0x32, 0x14, 0xC7]));
    }

    [Fact]
    public void NewId_TenThousandSeededRandomIds_AreDistinct_DecodeBackToTheirBytes_AndRoundTripSignVerify()
    {
        var random = new Random(42);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var bytes = new byte[VerificationCode.IdBytes];
        for (var i = 0; i < 10_000; i++)
        {
            random.NextBytes(bytes);
            var id = VerificationCode.NewId(bytes);

            Assert.True(ids.Add(id), $"Duplicate id {id} at {i}.");
            Assert.Equal(bytes, Decode(id));
            var code = VerificationCode.Sign(id, Key);
            Assert.Equal(id, VerificationCode.Verify(code, Key));
        }
        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void Sign_GivesTwentyFourCharacters_TheIdThenAnEightCharacterSignature()
    {
        Assert.Equal(24, Code.Length);
        Assert.Equal(VerificationCode.Length, Code.Length);
        Assert.StartsWith(CodeId, Code, StringComparison.Ordinal);
        Assert.All(Code[16..], c => Assert.Contains(c, Alphabet));
    }

    [Fact]
    public void Sign_TheSignatureIsTheFirstFortyBitsOfTheHmacOfTheContextAndId()
    {
        var mac = HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes("contests/document/v1:" + CodeId));

        Assert.Equal(Encode(mac.AsSpan(0, 5)), Code[16..]);
    }

    [Fact]
    public void Sign_SameIdAndKey_GivesTheSameCode()
    {
        var again = VerificationCode.Sign(CodeId, [.. Key]);

        Assert.Equal(Code, again);
    }

    [Fact]
    public void Sign_OtherKey_GivesOtherSignatures_ForAThousandSeededIds()
    {
        var random = new Random(7);
        var bytes = new byte[VerificationCode.IdBytes];
        var collisions = 0;
        for (var i = 0; i < 1_000; i++)
        {
            random.NextBytes(bytes);
            var id = VerificationCode.NewId(bytes);

            var mine = VerificationCode.Sign(id, Key)[16..];
            var theirs = VerificationCode.Sign(id, OtherKey)[16..];

            if (mine == theirs)
            {
                collisions++;
            }
        }
        // 40 bits: the chance of even one equal pair in 1,000 is about 1 in a billion.
        Assert.Equal(0, collisions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Sign_KeyShorterThanThirtyTwoBytes_IsRefused(int length)
    {
        var key = new byte[length];

        var error = Assert.Throws<ArgumentException>(() => VerificationCode.Sign(CodeId, key));

        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void Sign_LongerKey_IsAccepted()
    {
        byte[] key = [.. Key, .. Key];

        var code = VerificationCode.Sign(CodeId, key);

        Assert.Equal(CodeId, VerificationCode.Verify(code, key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000000000000")]
    [InlineData("00000000000000000")]
    [InlineData("000000000000000U")]
    [InlineData("000000000000000I")]
    [InlineData("000000000000000O")]
    [InlineData("000000000000000L")]
    [InlineData("000000000000000a")]
    [InlineData("0000-00000000000")]
    [InlineData("000000000000000*")]
    [InlineData("000000000000000é")]
    public void Sign_MalformedId_IsRefused(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => VerificationCode.Sign(id, Key));

        Assert.Equal("id", error.ParamName);
    }

    [Fact]
    public void Sign_NullId_IsRefused() =>
        Assert.Throws<ArgumentNullException>(() => VerificationCode.Sign(null!, Key));

    [Fact]
    public void Verify_TheSignedCode_ReturnsItsId()
    {
        Assert.Equal(CodeId, VerificationCode.Verify(Code, Key));
    }

    [Fact]
    public void Verify_LowerCaseHyphensAndSpaces_AreAccepted()
    {
        var typed = string.Join('-', Code.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

        Assert.Equal(CodeId, VerificationCode.Verify(typed, Key));
        Assert.Equal(CodeId, VerificationCode.Verify(" " + Code[..8] + " " + Code[8..16] + " - " + Code[16..] + " ", Key));
    }

    [Fact]
    public void Verify_OAndIAndL_AreReadAsZeroAndOne()
    {
        var code = CodeWithZerosAndOnes();
        var typed = code.Replace('0', 'O');
        var ones = code.IndexOf('1', StringComparison.Ordinal);
        typed = typed[..ones] + "I" + typed[(ones + 1)..];
        var second = typed.IndexOf('1', ones + 1);
        typed = typed[..second] + "l" + typed[(second + 1)..];

        Assert.Contains('O', typed);
        Assert.Equal(code[..16], VerificationCode.Verify(typed, Key));
    }

    [Fact]
    public void Verify_ACodeSignedWithAnotherKey_IsRefused()
    {
        var foreign = VerificationCode.Sign(CodeId, OtherKey);

        Assert.Null(VerificationCode.Verify(foreign, Key));
    }

    [Fact]
    public void Verify_OneCharacterOfTheSignatureChanged_IsRefused_AtEveryPosition()
    {
        for (var position = 16; position < 24; position++)
        {
            foreach (var replacement in Alphabet.Where(c => c != Code[position]))
            {
                var changed = Code[..position] + replacement + Code[(position + 1)..];

                Assert.Null(VerificationCode.Verify(changed, Key));
            }
        }
    }

    [Fact]
    public void Verify_OneCharacterOfTheIdChanged_IsRefused_AtEveryPosition()
    {
        for (var position = 0; position < 16; position++)
        {
            foreach (var replacement in Alphabet.Where(c => c != Code[position]))
            {
                var changed = Code[..position] + replacement + Code[(position + 1)..];

                Assert.Null(VerificationCode.Verify(changed, Key));
            }
        }
    }

    [Fact]
    public void Verify_WrongLengths_AreRefused()
    {
        Assert.Null(VerificationCode.Verify(Code[..23], Key));
        Assert.Null(VerificationCode.Verify(Code + "0", Key));
        Assert.Null(VerificationCode.Verify(Code[1..], Key));
        Assert.Null(VerificationCode.Verify(Code + Code, Key));
        Assert.Null(VerificationCode.Verify(Code[..16], Key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t  ")]
    [InlineData("------------------------")]
    public void Verify_NullEmptyOrBlank_IsRefused(string? code)
    {
        Assert.Null(VerificationCode.Verify(code, Key));
        Assert.Null(VerificationCode.Normalize(code));
    }

    [Fact]
    public void Verify_MoreThanSixtyFourCharacters_IsRefused_EvenWhenItHoldsAValidCode()
    {
        var sixtyFour = Code + new string('-', 64 - Code.Length);
        var sixtyFive = sixtyFour + "-";

        Assert.Equal(CodeId, VerificationCode.Verify(sixtyFour, Key));
        Assert.Null(VerificationCode.Verify(sixtyFive, Key));
        Assert.Null(VerificationCode.Verify(Code + new string(' ', 100), Key));
    }

    [Theory]
    [InlineData('U')]
    [InlineData('u')]
    [InlineData('*')]
    [InlineData('é')]
    [InlineData('_')]
    [InlineData('.')]
    [InlineData('\t')]
    public void Verify_ACharacterOutsideTheAlphabet_IsRefused(char outside)
    {
        foreach (var position in new[] { 0, 7, 15, 16, 23 })
        {
            var changed = Code[..position] + outside + Code[(position + 1)..];

            Assert.Null(VerificationCode.Verify(changed, Key));
            Assert.Null(VerificationCode.Normalize(changed));
        }
    }

    [Fact]
    public void Verify_ACharacterOutsideTheAlphabet_AddedToAValidCode_IsRefused()
    {
        Assert.Null(VerificationCode.Verify(Code + "*", Key));
        Assert.Null(VerificationCode.Verify("U" + Code, Key));
    }

    [Fact]
    public void Verify_DotlessI_IsOutsideTheAlphabet_AndRefused()
    {
        var signed = VerificationCode.Sign("1" + CodeId[1..], Key);

        Assert.Null(VerificationCode.Verify("\u0131" + signed[1..], Key));
    }

    [Fact]
    public void Verify_LongS_IsOutsideTheAlphabet_AndRefused()
    {
        var signed = VerificationCode.Sign("S" + CodeId[1..], Key);
        Assert.Equal(signed[..16], VerificationCode.Verify(signed, Key));

        Assert.Null(VerificationCode.Normalize("\u017F" + signed[1..]));
        Assert.Null(VerificationCode.Verify("\u017F" + signed[1..], Key));
    }

    [Fact]
    public void Normalize_UpperCasesAndDropsSeparators()
    {
        Assert.Equal(Code, VerificationCode.Normalize(Code.ToLowerInvariant()));
        Assert.Equal("0123456789ABCDEFGHJKMNPQ", VerificationCode.Normalize("oi23-4567 89ab cdef-ghjk mnpq"));
        Assert.Equal("0111000000000000ZZZZZZZZ", VerificationCode.Normalize("OILl-oooo-OOOO-oooo-zzzz-zzzz"));
    }

    /// <summary>A signed code that holds at least one 0 and two 1s (searched among the seeded ids).</summary>
    private static string CodeWithZerosAndOnes()
    {
        var random = new Random(3);
        var bytes = new byte[VerificationCode.IdBytes];
        while (true)
        {
            random.NextBytes(bytes);
            var code = VerificationCode.Sign(VerificationCode.NewId(bytes), Key);
            if (code.Contains('0', StringComparison.Ordinal) && code.Count(c => c == '1') >= 2)
            {
                return code;
            }
        }
    }

    /// <summary>Crockford base32 written independently of the domain: the bits, 5 at a time, most significant first.</summary>
    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        var bits = new StringBuilder();
        foreach (var b in bytes)
        {
            bits.Append(Convert.ToString(b, 2).PadLeft(8, '0'));
        }
        var text = new StringBuilder();
        for (var i = 0; i < bits.Length; i += 5)
        {
            text.Append(Alphabet[Convert.ToInt32(bits.ToString(i, 5), 2)]);
        }
        return text.ToString();
    }

    private static byte[] Decode(string text)
    {
        var bits = new StringBuilder();
        foreach (var c in text)
        {
            bits.Append(Convert.ToString(Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0'));
        }
        var bytes = new byte[bits.Length / 8];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Convert.ToByte(bits.ToString(i * 8, 8), 2);
        }
        return bytes;
    }
}
