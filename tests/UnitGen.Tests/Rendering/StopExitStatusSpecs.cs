using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class StopExitStatusSpecs
{
    static string SuccessExitStatus(string? stopSignal) =>
        new ParsedUnit(UnitRenderer.RenderRun(Images.Web with { StopSignal = stopSignal }, Images.Options()).Content)["Service", "SuccessExitStatus"] ?? "";

    [Theory]
    [InlineData(null, "143")]
    [InlineData("SIGTERM", "143")]
    [InlineData("SIGQUIT", "131 143")]
    [InlineData("quit", "131 143")]
    [InlineData("9", "137 143")]
    [InlineData("SIGWINCH", "143 156")]
    [InlineData("SIGRTMIN+3", "143 165")]
    [InlineData("SIGRTMAX-1", "143 191")]
    public void A_release_ended_by_docker_stop_counts_as_a_clean_stop(string? stopSignal, string expected) =>
        Assert.Equal(expected, SuccessExitStatus(stopSignal));
}
