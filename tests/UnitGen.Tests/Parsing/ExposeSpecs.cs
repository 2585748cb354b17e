using Nap.UnitGen.Model;

namespace Nap.UnitGen.Tests.Parsing;

public class ExposeSpecs
{
    private static IReadOnlyList<string> Ports(string expose) =>
        Dockerfile.Parse($"FROM alpine\nENV P=8443\n{expose}\n").Ports.Select(p => p.ToString()).ToList();

    [Fact]
    public void I_can_expose_ports_with_and_without_protocols() =>
        Assert.Equal(["80/tcp", "443/tcp", "53/udp", "9000/sctp"], Ports("EXPOSE 80 443/tcp 53/UDP\nEXPOSE 9000/sctp"));

    [Fact]
    public void I_can_expose_a_range() =>
        Assert.Equal(["8000/tcp", "8001/tcp", "8002/tcp", "7000/udp", "7001/udp"], Ports("EXPOSE 8000-8002 7000-7001/udp"));

    [Fact]
    public void I_can_expose_a_port_from_a_variable() =>
        Assert.Equal(["8443/tcp"], Ports("EXPOSE $P"));

    [Fact]
    public void A_port_exposed_twice_counts_once() =>
        Assert.Equal(["80/tcp", "80/udp"], Ports("EXPOSE 80 80/tcp\nEXPOSE 80/udp 80"));

    [Fact]
    public void No_expose_means_no_ports() =>
        Assert.Empty(Dockerfile.Parse("FROM alpine\n").Ports);

    [Fact]
    public void Exposed_ports_keep_their_protocol_in_the_model() =>
        Assert.Equal(new ExposedPort(53, "udp"), Dockerfile.Parse("FROM alpine\nEXPOSE 53/udp\n").Ports.Single());

    [Theory]
    [InlineData("80/xyz")]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("9000-8000")]
    [InlineData("8080:80")]
    public void I_get_an_error_for_a_bad_port(string spec)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n\n\n\n\n\nEXPOSE {spec}\n"));

        Assert.Equal($"Dockerfile:7: EXPOSE: \"{spec}\" is not a valid port/protocol; write PORT, PORT/tcp, PORT/udp, PORT/sctp or FIRST-LAST", error.Message);
    }
}
