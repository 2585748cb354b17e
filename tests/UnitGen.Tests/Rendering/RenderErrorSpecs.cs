using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class RenderErrorSpecs
{
    [Theory]
    [InlineData("Web")]
    [InlineData("9lives")]
    [InlineData("web-")]
    [InlineData("web app")]
    [InlineData("")]
    public void An_app_name_that_is_not_a_DNS_label_is_refused(string app)
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.Render(Images.Web, Images.Options() with { App = app }));
        Assert.Contains(Nap.Protocol.AppName.Rule, error.Message);
    }

    [Fact]
    public void A_port_without_host_port_needs_a_template()
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.RenderRun(Images.Web, Images.Options().WithPublish(new PortMapping(null, 8080))));
        Assert.Equal("port 8080 has no host port: give one (HOSTPORT:8080) or render a template, which takes it from NAP_PORT", error.Message);
    }

    [Theory]
    [InlineData(0, 80, "tcp", null, "out of range")]
    [InlineData(80, 80, "icmp", null, "protocol 'icmp'")]
    [InlineData(80, 80, "tcp", "localhost", "is not an IP address")]
    public void A_bad_port_mapping_is_refused(int host, int container, string protocol, string? ip, string message) =>
        Assert.Contains(message, Assert.Throws<RenderException>(() => UnitRenderer.RenderRun(Images.Web, Images.Options().WithPublish(new PortMapping(host, container, protocol, ip)))).Message);

    [Fact]
    public void A_volume_path_that_docker_run_v_would_split_is_refused()
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.RenderRun(Images.Web with { Volumes = ["/data:/etc"] }, Images.Options()));
        Assert.Equal("VOLUME \"/data:/etc\" cannot be mounted with docker run -v: use an absolute path without ':'", error.Message);
    }

    [Fact]
    public void Machine_metadata_must_be_a_key_and_a_value() =>
        Assert.Throws<RenderException>(() => UnitRenderer.RenderRun(Images.Web, Images.Options() with { MachineMetadata = ["region eu"] }));
}
