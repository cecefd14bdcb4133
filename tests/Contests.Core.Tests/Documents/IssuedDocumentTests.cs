using Contests.Core.Documents;
using static Contests.Core.Tests.Documents.DocumentBuilders;

namespace Contests.Core.Tests.Documents;

/// <summary>An issued document: numbered, never edited, voided with a reason and replaced by a reissue.</summary>
public sealed class IssuedDocumentTests
{
    [Theory]
    [InlineData(DocumentKind.Certificate, 2026, 42, "CER-2026-000042")]
    [InlineData(DocumentKind.Contract, 2026, 1, "CDC-2026-000001")]
    [InlineData(DocumentKind.Acta, 2027, 999_999, "ACT-2027-999999")]
    [InlineData(DocumentKind.ResultsList, 2026, 7, "RES-2026-000007")]
    [InlineData(DocumentKind.DisbursementRequest, 2026, 1234, "SDD-2026-001234")]
    public void NumberOf_IsThePrefixTheYearAndTheSixDigitSequence(DocumentKind kind, int year, int sequence, string expected)
    {
        Assert.Equal(expected, IssuedDocument.NumberOf(kind, year, sequence));
    }

    [Fact]
    public void PrefixOf_EveryKind_HasItsOwnThreeLetterPrefix()
    {
        var prefixes = Enum.GetValues<DocumentKind>().Select(IssuedDocument.PrefixOf).ToArray();

        Assert.Equal(["CER", "CDC", "ACT", "RES", "SDD", "LIQ", "ADC"], prefixes);
        Assert.Equal(prefixes.Length, prefixes.Distinct().Count());
    }

    [Fact]
    public void PrefixOf_AnUnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IssuedDocument.PrefixOf((DocumentKind)99));

    [Fact]
    public void NumberOf_IgnoresTheCurrentCulture()
    {
        using var culture = CurrentCulture.Set("ar-SA");

        Assert.Equal("CER-2026-000042", IssuedDocument.NumberOf(DocumentKind.Certificate, 2026, 42));
    }

    [Fact]
    public void Issue_IsAValidDocument_WithItsNumberCodeSubjectFileAndIssuer()
    {
        var document = Issue(packId: 9);

        Assert.Equal(DocumentState.Valid, document.State);
        Assert.True(document.Valid);
        Assert.Equal((DocumentKind.Certificate, Year, 42, "CER-2026-000042"), (document.Kind, document.Year, document.Sequence, document.Number));
        Assert.Equal(CodeId, document.Code);
        Assert.Equal((RoundId, "award:7", (int?)AwardId, (int?)107, (int?)3, (int?)null, (int?)null),
            (document.RoundId, document.SubjectKey, document.AwardId, document.EntryId, document.CommunityId, document.ActaId, document.BatchId));
        Assert.Equal(9, document.PackId);
        Assert.Equal(("Certificado de ganador", "María Quispe Ñaupari"), (document.Title, document.Holder));
        Assert.Equal((Sha, 12_345L), (document.Sha256, document.Size));
        Assert.Equal(((int?)IssuerId, Now), (document.IssuedByUserId, document.IssuedUtc));
        Assert.Equal(Facts(), document.Facts);
        Assert.Null(document.ReplacesId);
        Assert.Null(document.VoidReason);
        Assert.Null(document.VoidedUtc);
        Assert.Null(document.VoidedByUserId);
    }

    [Fact]
    public void Issue_ActaAndBatchSubjects_AreRecorded()
    {
        var subject = new DocumentSubject(RoundId, "batch:5/org:7", ActaId: 3, BatchId: 5);

        var document = Issue(DocumentKind.DisbursementRequest, sequence: 1, subject: subject, userId: null);

        Assert.Equal("SDD-2026-000001", document.Number);
        Assert.Equal(("batch:5/org:7", (int?)3, (int?)5), (document.SubjectKey, document.ActaId, document.BatchId));
        Assert.Null(document.IssuedByUserId);
        Assert.Null(document.AwardId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Issue_SequenceBelowOne_IsRefused(int sequence)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Issue(sequence: sequence));

        Assert.Equal("sequence", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000000000000000")]
    [InlineData("00000000000000000")]
    [InlineData("000000000000000000000000")]
    public void Issue_CodeIdNotSixteenCharacters_IsRefused(string codeId)
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(codeId: codeId));

        Assert.Equal("codeId", error.ParamName);
    }

    [Fact]
    public void Issue_NullCodeId_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            IssuedDocument.Issue(DocumentKind.Certificate, Year, 1, null!, Subject(), "T", "H", Facts(), File(), IssuerId, Now));

        Assert.Equal("codeId", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Issue_FileWithoutA64CharacterSha256_IsRefused(string sha)
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(file: new DocumentFile(sha, 100)));

        Assert.Equal("file", error.ParamName);
    }

    [Fact]
    public void Issue_FileWithNullSha256_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(file: new DocumentFile(null!, 100)));

        Assert.Equal("file", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Issue_FileWithoutASize_IsRefused(long size)
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(file: File(size: size)));

        Assert.Equal("file", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_BlankTitle_IsRefused(string title)
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(title: title));

        Assert.Equal("title", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_BlankHolder_IsRefused(string holder)
    {
        var error = Assert.Throws<ArgumentException>(() => Issue(holder: holder));

        Assert.Equal("holder", error.ParamName);
    }

    [Fact]
    public void Issue_NullTitleHolderSubjectFactsOrFile_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Issue(title: null!));
        Assert.Throws<ArgumentNullException>(() => Issue(holder: null!));
        Assert.Throws<ArgumentNullException>(() =>
            IssuedDocument.Issue(DocumentKind.Certificate, Year, 1, CodeId, null!, "T", "H", Facts(), File(), IssuerId, Now));
        Assert.Throws<ArgumentNullException>(() =>
            IssuedDocument.Issue(DocumentKind.Certificate, Year, 1, CodeId, Subject(), "T", "H", null!, File(), IssuerId, Now));
        Assert.Throws<ArgumentNullException>(() =>
            IssuedDocument.Issue(DocumentKind.Certificate, Year, 1, CodeId, Subject(), "T", "H", Facts(), null!, IssuerId, Now));
    }

    [Fact]
    public void Issue_TitleAndHolderLongerThanTheirMaximum_AreClipped()
    {
        var document = Issue(title: new string('T', 250), holder: new string('H', 300));

        Assert.Equal(new string('T', IssuedDocument.TitleMaxLength), document.Title);
        Assert.Equal(new string('H', IssuedDocument.HolderMaxLength), document.Holder);
    }

    [Fact]
    public void Issue_TitleAndHolderAtTheirMaximum_AreKeptWhole()
    {
        var document = Issue(title: new string('T', 200), holder: new string('H', 200));

        Assert.Equal(200, document.Title.Length);
        Assert.Equal(200, document.Holder.Length);
    }

    [Fact]
    public void Issue_CopiesTheFacts_ALaterChangeToTheCallersListDoesNotChangeTheDocument()
    {
        var facts = new List<DocumentFact> { new("Document.Fact.Holder", "María Quispe Ñaupari") };

        var document = Issue(facts: facts);
        facts.Add(DocumentFact.Money("Document.Fact.Prize", 99_999m));
        facts[0] = new DocumentFact("Document.Fact.Holder", "Someone else");

        Assert.Equal([new DocumentFact("Document.Fact.Holder", "María Quispe Ñaupari")], document.Facts);
    }

    [Fact]
    public void Issue_AReissue_ReplacesAVoidedDocumentOfTheSameKindAndSubject_AndRecordsIt()
    {
        var voided = Voided(id: 5);

        var reissue = Issue(sequence: 43, replaces: voided);

        Assert.Equal(5, reissue.ReplacesId);
        Assert.True(reissue.Valid);
        Assert.Equal("CER-2026-000043", reissue.Number);
        Assert.Equal(DocumentState.Void, voided.State);
    }

    [Fact]
    public void Issue_AReissueOfAValidDocument_IsRefused()
    {
        var valid = Issue(sequence: 1);

        Assert.Throws<InvalidOperationException>(() => Issue(sequence: 2, replaces: valid));
        Assert.True(valid.Valid);
    }

    [Fact]
    public void Issue_AReissueOfAnotherKind_IsRefused()
    {
        var voidedContract = Voided(kind: DocumentKind.Contract);

        Assert.Throws<InvalidOperationException>(() => Issue(DocumentKind.Certificate, sequence: 2, replaces: voidedContract));
    }

    [Fact]
    public void Issue_AReissueForAnotherSubject_IsRefused()
    {
        var voidedOther = Voided(subjectKey: "award:8");

        Assert.Throws<InvalidOperationException>(() => Issue(sequence: 2, subject: Subject("award:7"), replaces: voidedOther));
    }

    [Fact]
    public void Void_WithAReason_RecordsWhoWhenAndWhy_AndTheDocumentIsVoid()
    {
        var document = Issue();

        Succeeds(document.Void("  El recurso   cambió el premio ", OfficerId, Now.AddDays(3)));

        Assert.Equal(DocumentState.Void, document.State);
        Assert.False(document.Valid);
        Assert.Equal("El recurso cambió el premio", document.VoidReason);
        Assert.Equal(((int?)OfficerId, (DateTime?)Now.AddDays(3)), (document.VoidedByUserId, document.VoidedUtc));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Void_WithoutAReason_IsRefused_RequiredOnVoidReason(string? reason)
    {
        var document = Issue();

        var result = document.Void(reason, OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Validation.Required", "VoidReason"), (error.Code, error.Field));
        Assert.True(document.Valid);
        Assert.Null(document.VoidReason);
        Assert.Null(document.VoidedUtc);
        Assert.Null(document.VoidedByUserId);
    }

    [Fact]
    public void Void_ReasonLongerThan500_IsRefused_AndAt500IsAccepted()
    {
        var document = Issue();

        var result = document.Void(new string('r', 501), OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Validation.MaxLength", "VoidReason"), (error.Code, error.Field));
        Assert.Contains(IssuedDocument.ReasonMaxLength, error.Arguments);
        Assert.True(document.Valid);

        Succeeds(document.Void(new string('r', 500), OfficerId, Now));
        Assert.Equal(500, document.VoidReason!.Length);
    }

    [Fact]
    public void Void_AlreadyVoid_IsRefusedWithItsNumber_AndKeepsTheFirstVoid()
    {
        var document = Issue();
        Succeeds(document.Void("Error de nombre", OfficerId, Now));

        var result = document.Void("Otra razón", IssuerId, Now.AddDays(1));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Document.AlreadyVoid", error.Code);
        Assert.Equal(["CER-2026-000042"], error.Arguments);
        Assert.Equal(DocumentState.Void, document.State);
        Assert.Equal(("Error de nombre", (int?)OfficerId, (DateTime?)Now), (document.VoidReason, document.VoidedByUserId, document.VoidedUtc));
    }

    [Fact]
    public void Void_AlreadyVoid_WithABlankReason_StillSaysAlreadyVoid()
    {
        var document = Voided();

        Assert.Equal(["Document.AlreadyVoid"], Codes(document.Void(" ", OfficerId, Now)));
        Assert.Equal(DocumentState.Void, document.State);
    }

    [Fact]
    public void Void_ByTheSystem_MayHaveNoUser()
    {
        var document = Issue();

        Succeeds(document.Void("Reemitido", null, Now));

        Assert.Null(document.VoidedByUserId);
        Assert.Equal(DocumentState.Void, document.State);
    }
}
