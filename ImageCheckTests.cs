public sealed class RealFileTests
{
    [Fact]
    public void RealPng()
    {
        var data = File.ReadAllBytes("/usr/share/pixmaps/debian-logo.png");
        var info = Contests.Core.Rounds.ImageCheck.Inspect(data, data.Length, "Photo", out var error);
        Assert.Null(error);
        Assert.True(info!.Width > 0);
    }
}
