using Contests.Core.Common;
using Contests.Core.Documents;
using static Contests.Core.Tests.Documents.DocumentBuilders;

namespace Contests.Core.Tests.Documents;

/// <summary>A bulk pack of certificates: Queued → Running → Completed | Cancelled | Failed → (resumed) Queued.</summary>
public sealed class DocumentPackTests
{
    private static readonly DocumentFile Pdf = new(new string('d', 64), 3_000_000);
    private static readonly DocumentFile Zip = new(new string('e', 64), 2_500_000);

    [Fact]
    public void Request_IsQueued_WithItsRoundCeremonyAndRequester()
    {
        var errors = new List<DomainError>();

        var pack = DocumentPack.Request(RoundId, 3, Ceremony, "  Plaza de Armas,   Huancavelica ", BaseUrl, IssuerId, Now, errors);

        Assert.Empty(errors);
        Assert.NotNull(pack);
        Assert.Equal(PackState.Queued, pack.State);
        Assert.Equal((RoundId, (int?)3, Ceremony), (pack.RoundId, pack.CommunityId, pack.CeremonyDate));
        Assert.Equal("Plaza de Armas, Huancavelica", pack.CeremonyPlace);
        Assert.Equal(BaseUrl, pack.BaseUrl);
        Assert.Equal((IssuerId, Now), (pack.RequestedByUserId, pack.RequestedUtc));
        Assert.Equal((0, 0, 0, 0), (pack.Total, pack.Done, pack.Percent, pack.Revision));
        Assert.Null(pack.StartedUtc);
        Assert.Null(pack.FinishedUtc);
        Assert.False(pack.Finished);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Request_WithoutAPlace_IsRefused_RequiredOnCeremonyPlace(string? place)
    {
        var errors = new List<DomainError>();

        var pack = DocumentPack.Request(RoundId, null, Ceremony, place, BaseUrl, IssuerId, Now, errors);

        Assert.Null(pack);
        var error = Assert.Single(errors);
        Assert.Equal(("Validation.Required", "CeremonyPlace"), (error.Code, error.Field));
    }

    [Fact]
    public void Request_PlaceLongerThan160_IsRefused()
    {
        var errors = new List<DomainError>();

        var pack = DocumentPack.Request(RoundId, null, Ceremony, new string('p', 161), BaseUrl, IssuerId, Now, errors);

        Assert.Null(pack);
        var error = Assert.Single(errors);
        Assert.Equal(("Validation.MaxLength", "CeremonyPlace"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("https://concursos.example.org/")]
    [InlineData("https://concursos.example.org//")]
    [InlineData("https://concursos.example.org")]
    public void Request_TrimsTheBaseUrlsTrailingSlash(string baseUrl)
    {
        var pack = Queued(baseUrl: baseUrl);

        Assert.Equal("https://concursos.example.org", pack.BaseUrl);
    }

    [Fact]
    public void Request_BlankBaseUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => DocumentPack.Request(RoundId, null, Ceremony, "Lima", " ", IssuerId, Now, []));
        Assert.Throws<ArgumentNullException>(() => DocumentPack.Request(RoundId, null, Ceremony, "Lima", null!, IssuerId, Now, []));
    }

    [Fact]
    public void Start_FromQueued_IsRunning_WithItsTotal()
    {
        var pack = Queued();

        Assert.True(pack.Start(40, Now.AddMinutes(1)));

        Assert.Equal(PackState.Running, pack.State);
        Assert.Equal(40, pack.Total);
        Assert.Equal(Now.AddMinutes(1), pack.StartedUtc);
        Assert.Equal(1, pack.Revision);
    }

    [Fact]
    public void Start_AgainWhileRunning_AfterARestart_KeepsTheFirstStartTime()
    {
        var pack = Running(40);

        Assert.True(pack.Start(41, Now.AddHours(1)));

        Assert.Equal(PackState.Running, pack.State);
        Assert.Equal(41, pack.Total);
        Assert.Equal(Now.AddMinutes(1), pack.StartedUtc);
    }

    [Theory]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    [InlineData(PackState.Failed)]
    public void Start_WhenNotQueuedOrRunning_ReturnsFalse_AndChangesNothing(PackState state)
    {
        var pack = InState(state);
        var (total, revision, started) = (pack.Total, pack.Revision, pack.StartedUtc);

        Assert.False(pack.Start(99, Now.AddHours(2)));

        Assert.Equal(state, pack.State);
        Assert.Equal((total, revision, started), (pack.Total, pack.Revision, pack.StartedUtc));
    }

    [Fact]
    public void Start_NegativeTotal_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Queued().Start(-1, Now));
    }

    [Fact]
    public void Progress_RecordsDone_CappedAtTotal()
    {
        var pack = Running(40);

        pack.Progress(10);
        Assert.Equal(10, pack.Done);

        pack.Progress(55);
        Assert.Equal(40, pack.Done);
    }

    [Theory]
    [InlineData(PackState.Queued)]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    [InlineData(PackState.Failed)]
    public void Progress_WhenNotRunning_Throws(PackState state)
    {
        var pack = InState(state);
        var done = pack.Done;

        Assert.Throws<InvalidOperationException>(() => pack.Progress(5));
        Assert.Equal(done, pack.Done);
    }

    [Fact]
    public void Progress_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Running().Progress(-1));
    }

    [Fact]
    public void Percent_TotalZeroAndNotCompleted_IsZero()
    {
        Assert.Equal(0, Queued().Percent);
        var running = Running(0);
        running.Progress(0);
        Assert.Equal(0, running.Percent);
    }

    [Theory]
    [InlineData(3, 1, 33)]
    [InlineData(3, 2, 66)]
    [InlineData(200, 1, 0)]
    [InlineData(200, 199, 99)]
    [InlineData(1000, 999, 99)]
    [InlineData(40, 10, 25)]
    [InlineData(7, 0, 0)]
    public void Percent_IsTheWholePerCentDone_RoundedDown(int total, int done, int expected)
    {
        var pack = Running(total);

        pack.Progress(done);

        Assert.Equal(expected, pack.Percent);
    }

    [Fact]
    public void Percent_EverythingDoneButNotCompleted_IsAtMost99()
    {
        var pack = Running(40);

        pack.Progress(40);

        Assert.Equal(99, pack.Percent);
    }

    [Fact]
    public void Percent_HugeTotals_DoNotOverflow()
    {
        var pack = Running(int.MaxValue);

        pack.Progress(int.MaxValue / 2);

        Assert.Equal(49, pack.Percent);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(0)]
    public void Percent_Completed_Is100(int total)
    {
        Assert.Equal(100, Completed(total).Percent);
    }

    [Fact]
    public void Complete_RecordsTheFilesAndTheFinish_AndEverythingIsDone()
    {
        var pack = Running(40);
        pack.Progress(40);

        pack.Complete(Pdf, Zip, Now.AddMinutes(9));

        Assert.Equal(PackState.Completed, pack.State);
        Assert.True(pack.Finished);
        Assert.Equal((Pdf.Sha256, (long?)Pdf.Size), (pack.PdfSha256, pack.PdfSize));
        Assert.Equal((Zip.Sha256, (long?)Zip.Size), (pack.ZipSha256, pack.ZipSize));
        Assert.Equal(Now.AddMinutes(9), pack.FinishedUtc);
        Assert.Equal(40, pack.Done);
    }

    [Fact]
    public void Complete_BeforeTheLastProgress_CountsEverythingDone()
    {
        var pack = Running(40);
        pack.Progress(12);

        pack.Complete(Pdf, Zip, Now);

        Assert.Equal(40, pack.Done);
    }

    [Theory]
    [InlineData(PackState.Queued)]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    [InlineData(PackState.Failed)]
    public void Complete_WhenNotRunning_Throws_AndRecordsNoFiles(PackState state)
    {
        var pack = InState(state);
        var (sha, finished) = (pack.PdfSha256, pack.FinishedUtc);

        Assert.Throws<InvalidOperationException>(() => pack.Complete(Pdf, Zip, Now.AddDays(1)));

        Assert.Equal(state, pack.State);
        Assert.Equal((sha, finished), (pack.PdfSha256, pack.FinishedUtc));
    }

    [Fact]
    public void Complete_WithoutFiles_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Running().Complete(null!, Zip, Now));
        Assert.Throws<ArgumentNullException>(() => Running().Complete(Pdf, null!, Now));
    }

    [Theory]
    [InlineData(PackState.Queued)]
    [InlineData(PackState.Running)]
    [InlineData(PackState.Failed)]
    public void Cancel_QueuedRunningOrFailed_Succeeds_RecordingWhoAndWhen(PackState state)
    {
        var pack = InState(state);

        Succeeds(pack.Cancel(OfficerId, Now.AddHours(3)));

        Assert.Equal(PackState.Cancelled, pack.State);
        Assert.True(pack.Finished);
        Assert.Equal(((int?)OfficerId, (DateTime?)Now.AddHours(3)), (pack.CancelledByUserId, pack.FinishedUtc));
    }

    [Fact]
    public void Cancel_KeepsTheProgressMade()
    {
        var pack = Running(40);
        pack.Progress(17);

        Succeeds(pack.Cancel(OfficerId, Now));

        Assert.Equal(17, pack.Done);
        Assert.True(pack.Percent < 100);
    }

    [Theory]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    public void Cancel_AFinishedPack_IsRefused_PackFinished(PackState state)
    {
        var pack = InState(state);
        var (cancelledBy, finished, revision) = (pack.CancelledByUserId, pack.FinishedUtc, pack.Revision);

        Assert.Equal(["Pack.Finished"], Codes(pack.Cancel(IssuerId + 100, Now.AddDays(5))));

        Assert.Equal(state, pack.State);
        Assert.Equal((cancelledBy, finished, revision), (pack.CancelledByUserId, pack.FinishedUtc, pack.Revision));
    }

    [Theory]
    [InlineData(PackState.Queued)]
    [InlineData(PackState.Running)]
    public void Fail_QueuedOrRunning_RecordsTheError(PackState state)
    {
        var pack = InState(state);

        pack.Fail("The PDF engine stopped.");

        Assert.Equal(PackState.Failed, pack.State);
        Assert.False(pack.Finished);
        Assert.Equal("The PDF engine stopped.", pack.Error);
    }

    [Fact]
    public void Fail_ALongError_IsClippedAt2000Characters()
    {
        var pack = Running();

        pack.Fail(new string('x', 5000));

        Assert.Equal(new string('x', DocumentPack.ErrorMaxLength), pack.Error);
        Assert.Equal(2000, pack.Error!.Length);
    }

    [Fact]
    public void Fail_AnErrorOfExactly2000Characters_IsKeptWhole()
    {
        var pack = Running();
        var error = new string('y', 1999) + "!";

        pack.Fail(error);

        Assert.Equal(error, pack.Error);
    }

    [Theory]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    [InlineData(PackState.Failed)]
    public void Fail_WhenNotQueuedOrRunning_Throws(PackState state)
    {
        var pack = InState(state);
        var error = pack.Error;

        Assert.Throws<InvalidOperationException>(() => pack.Fail("late"));

        Assert.Equal(state, pack.State);
        Assert.Equal(error, pack.Error);
    }

    [Fact]
    public void Fail_WithoutAnError_Throws()
    {
        Assert.Throws<ArgumentException>(() => Running().Fail(" "));
        Assert.Throws<ArgumentNullException>(() => Running().Fail(null!));
    }

    [Fact]
    public void Resume_AFailedPack_QueuesItAgain_AndItStartsAgainFromWhereItStopped()
    {
        var pack = Failed();
        Assert.Equal(10, pack.Done);

        Succeeds(pack.Resume());
        Assert.Equal(PackState.Queued, pack.State);

        Assert.True(pack.Start(40, Now.AddHours(1)));
        Assert.Equal(PackState.Running, pack.State);
        Assert.Null(pack.Error);
        Assert.Equal(10, pack.Done);
        Assert.Equal(Now.AddMinutes(1), pack.StartedUtc);

        pack.Progress(40);
        pack.Complete(Pdf, Zip, Now.AddHours(2));
        Assert.Equal((PackState.Completed, 100), (pack.State, pack.Percent));
    }

    [Theory]
    [InlineData(PackState.Queued)]
    [InlineData(PackState.Running)]
    [InlineData(PackState.Completed)]
    [InlineData(PackState.Cancelled)]
    public void Resume_WhenNotFailed_IsRefused_PackNotFailed(PackState state)
    {
        var pack = InState(state);
        var revision = pack.Revision;

        Assert.Equal(["Pack.NotFailed"], Codes(pack.Resume()));

        Assert.Equal(state, pack.State);
        Assert.Equal(revision, pack.Revision);
    }

    [Fact]
    public void Revision_IncrementsOnEveryChange()
    {
        var pack = Queued();
        Assert.Equal(0, pack.Revision);

        pack.Start(40, Now);
        Assert.Equal(1, pack.Revision);
        pack.Progress(5);
        Assert.Equal(2, pack.Revision);
        pack.Progress(10);
        Assert.Equal(3, pack.Revision);
        pack.Fail("boom");
        Assert.Equal(4, pack.Revision);
        Succeeds(pack.Resume());
        Assert.Equal(5, pack.Revision);
        pack.Start(40, Now);
        Assert.Equal(6, pack.Revision);
        pack.Complete(Pdf, Zip, Now);
        Assert.Equal(7, pack.Revision);

        var cancelled = Queued();
        Succeeds(cancelled.Cancel(OfficerId, Now));
        Assert.Equal(1, cancelled.Revision);
    }
}
