namespace Nap.UnitGen.Tests.Parsing;

public class StopSignalSpecs
{
    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGQUIT")]
    [InlineData("sigint")]
    [InlineData("KILL")]
    [InlineData("9")]
    [InlineData("64")]
    [InlineData("SIGRTMIN+3")]
    [InlineData("SIGRTMAX-1")]
    [InlineData("SIGRTMIN")]
    public void I_can_set_a_stop_signal(string signal) =>
        Assert.Equal(signal, Dockerfile.Parse($"FROM alpine\nSTOPSIGNAL {signal}\n").StopSignal);

    [Fact]
    public void A_stop_signal_can_come_from_a_variable() =>
        Assert.Equal("SIGWINCH", Dockerfile.Parse("FROM alpine\nARG SIG=SIGWINCH\nSTOPSIGNAL $SIG\n").StopSignal);

    [Fact]
    public void The_stop_signal_is_null_when_never_set() =>
        Assert.Null(Dockerfile.Parse("FROM alpine\n").StopSignal);

    [Theory]
    [InlineData("garbage")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("SIGRTMIN+16")]
    [InlineData("SIGFOO")]
    public void I_get_an_error_for_a_bad_stop_signal(string signal)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\nSTOPSIGNAL {signal}\n"));

        Assert.Equal($"Dockerfile:2: STOPSIGNAL: \"{signal}\" is not a signal; write a name like SIGTERM, SIGRTMIN+3, or a number from 1 to 64", error.Message);
    }
}
