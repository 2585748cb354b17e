using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class TemplateSpecs
{
    static readonly UnitFile Template = UnitRenderer.RenderRun(Images.Web, Images.Options().WithTemplate());

    [Fact]
    public void A_template_is_named_for_instances_and_names_its_container_after_the_release()
    {
        var argv = Argv.Of(Template);

        Assert.Equal("nap-web@.service", Template.Name);
        Assert.Equal(["nap-web-1"], argv.ValuesOf("--name"));
        Assert.Equal(["/usr/bin/docker", "stop", "-t", "10", "nap-web-1"], Argv.Of(Template, "ExecStop"));
        Assert.Equal(["/usr/bin/docker", "rm", "-f", "nap-web-1"], Argv.Of(Template, "ExecStopPost"));
    }

    [Fact]
    public void A_template_runs_the_image_and_port_of_its_release_from_the_release_environment_file()
    {
        var parsed = new ParsedUnit(Template.Content);
        var argv = Argv.Of(Template);

        Assert.Equal("/var/lib/nap/apps/web/releases/%i/unit.env", parsed["Service", "EnvironmentFile"]);
        Assert.Equal("${NAP_IMAGE}", argv[^1]);
        Assert.Equal(["127.0.0.1:${NAP_PORT}:8080"], argv.ValuesOf("-p"));
        Assert.Equal(["nap.app=web", "nap.release=1"], argv.ValuesOf("--label"));
    }

    [Fact]
    public void A_template_takes_a_given_environment_file_and_ports()
    {
        var options = Images.Options().WithTemplate() with { InstanceEnvironmentFile = "/run/nap/%i.env" };
        var unit = UnitRenderer.RenderRun(Images.Web, options.WithPublish(new PortMapping(null, 8080, HostIp: "0.0.0.0")));

        Assert.Equal("/run/nap/%i.env", new ParsedUnit(unit.Content)["Service", "EnvironmentFile"]);
        Assert.Equal(["0.0.0.0:${NAP_PORT}:8080"], Argv.Of(unit).ValuesOf("-p"));
    }

    [Fact]
    public void A_data_dir_with_a_percent_sign_keeps_it_in_the_environment_file_path()
    {
        var unit = UnitRenderer.RenderRun(Images.Web, Images.Options().WithTemplate() with { DataDir = "/srv/100%/{App}" });

        Assert.Equal("/srv/100%%/web/releases/%i/unit.env", new ParsedUnit(unit.Content)["Service", "EnvironmentFile"]);
    }

    [Fact]
    public void Releases_share_the_apps_volumes()
    {
        var unit = UnitRenderer.RenderRun(Images.Web with { Volumes = ["/data"] }, Images.Options().WithTemplate());

        Assert.Equal(["/var/lib/nap/apps/web/volumes/data:/data"], Argv.Of(unit).ValuesOf("-v"));
    }
}
