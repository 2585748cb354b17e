using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class RunUnitSpecs
{
    static UnitFile Run(ImageConfig image, UnitOptions? options = null) =>
        UnitRenderer.RenderRun(image, options ?? Images.Options());

    [Fact]
    public void I_can_render_a_run_unit_with_every_port()
    {
        var image = Images.Web with { Ports = [new(80), new(443), new(53, "udp"), new(8000), new(8001), new(8002)] };

        var argv = Argv.Of(Run(image));

        Assert.Equal(["80:80", "443:443", "53:53/udp", "8000-8002:8000-8002"], argv.ValuesOf("-p"));
    }

    [Fact]
    public void The_run_unit_starts_docker_run_first_and_cleans_up_after_the_container_not_before()
    {
        var unit = Run(Images.Web, Images.Options().WithTemplate());
        var parsed = new ParsedUnit(unit.Content);

        // A docker CLI takes up to 90 ms to start, and a release start would wait for it: nothing runs before docker run.
        Assert.DoesNotContain("ExecStartPre=", unit.Content);
        Assert.Equal("-/usr/bin/docker rm -f nap-web-%i", parsed["Service", "ExecStopPost"]);
    }

    [Fact]
    public void The_run_unit_follows_fleets_docker_convention()
    {
        var unit = Run(Images.Web);
        var parsed = new ParsedUnit(unit.Content);

        Assert.Equal("nap-web.service", unit.Name);
        Assert.StartsWith("/usr/bin/docker run --rm --name nap-web ", parsed["Service", "ExecStart"]);
        Assert.DoesNotContain("-d", Argv.Of(unit));
        Assert.Equal("/usr/bin/docker stop -t 10 nap-web", parsed["Service", "ExecStop"]);
        Assert.Equal("-/usr/bin/docker rm -f nap-web", parsed["Service", "ExecStopPost"]);
        Assert.Equal("always", parsed["Service", "Restart"]);
        Assert.Equal("docker.service", parsed["Unit", "Requires"]);
        Assert.Equal("docker.service network-online.target", parsed["Unit", "After"]);
        Assert.Equal("nap-web", parsed["Service", "SyslogIdentifier"]);
        Assert.Equal("multi-user.target docker.service", parsed["Install", "WantedBy"]);
        Assert.Equal("120s", parsed["Unit", "StartLimitIntervalSec"]);
        Assert.Equal("5", parsed["Unit", "StartLimitBurst"]);
    }

    [Fact]
    public void The_image_runs_its_own_command_so_the_unit_ends_with_the_image()
    {
        var argv = Argv.Of(Run(Images.Web));

        Assert.Equal("nap/web:0123456789ab", argv[^1]);
        Assert.DoesNotContain("/bin/httpd", argv);
    }

    [Fact]
    public void Publish_options_replace_the_exposed_ports()
    {
        var options = Images.Options().WithPublish(new PortMapping(80, 8080), new PortMapping(5353, 53, "udp", "127.0.0.1"), new PortMapping(8443, 443, HostIp: "::1"));

        var argv = Argv.Of(Run(Images.Web, options));

        Assert.Equal(["80:8080", "127.0.0.1:5353:53/udp", "[::1]:8443:443"], argv.ValuesOf("-p"));
    }

    [Fact]
    public void The_app_gets_its_config_file_and_its_web_port_as_PORT()
    {
        var argv = Argv.Of(Run(Images.Web, Images.Options() with { EnvFile = "/var/lib/nap/apps/web/env" }));

        Assert.Equal(["/var/lib/nap/apps/web/env"], argv.ValuesOf("--env-file"));
        Assert.Equal(["PORT=8080"], argv.ValuesOf("-e"));
    }

    [Theory]
    [InlineData(new[] { 53 }, "udp", null, "PORT=5000")]
    [InlineData(new[] { 53, 3000 }, "udp", null, "PORT=3000")]
    [InlineData(new[] { 3000 }, "tcp", 9000, "PORT=9000")]
    public void The_web_port_is_the_first_tcp_port_unless_given(int[] ports, string protocol, int? webPort, string expected)
    {
        var image = Images.Web with { Ports = [new(ports[0], protocol), .. ports.Skip(1).Select(p => new ExposedPort(p))] };

        var argv = Argv.Of(Run(image, Images.Options() with { WebPort = webPort }));

        Assert.Equal([expected], argv.ValuesOf("-e"));
    }

    [Fact]
    public void Each_volume_gets_a_host_directory_under_the_apps_data_dir()
    {
        var image = Images.Web with { Volumes = ["/var/lib/postgresql/data", "/srv/my_files"] };

        var argv = Argv.Of(Run(image));

        Assert.Equal(
            ["/var/lib/nap/apps/web/volumes/var-lib-postgresql-data:/var/lib/postgresql/data", "/var/lib/nap/apps/web/volumes/srv-my__files:/srv/my_files"],
            argv.ValuesOf("-v"));
    }

    [Fact]
    public void User_and_stop_signal_are_passed_and_workdir_is_left_to_the_image()
    {
        var argv = Argv.Of(Run(Images.Web with { User = "1000:1000", StopSignal = "SIGQUIT", WorkDir = "/app" }));

        Assert.Equal(["1000:1000"], argv.ValuesOf("--user"));
        Assert.Equal(["SIGQUIT"], argv.ValuesOf("--stop-signal"));
        Assert.DoesNotContain(argv, a => a.StartsWith("--workdir") || a == "-w");
    }

    [Fact]
    public void Labels_name_the_app_and_the_release_and_logs_go_through_the_unit()
    {
        var argv = Argv.Of(Run(Images.Web));

        Assert.Equal(["nap.app=web", "nap.release=0123456789abcdef0123456789abcdef01234567"], argv.ValuesOf("--label"));
        Assert.Contains("--log-driver=none", argv);
    }

    [Fact]
    public void Memory_and_cpus_limits_are_passed_when_given()
    {
        var argv = Argv.Of(Run(Images.Web, Images.Options() with { Memory = "512m", Cpus = "1.5" }));

        Assert.Equal(["512m"], argv.ValuesOf("--memory"));
        Assert.Equal(["1.5"], argv.ValuesOf("--cpus"));
    }

    [Fact]
    public void A_pids_limit_and_the_apps_own_network_are_passed_when_given_and_absent_otherwise()
    {
        var argv = Argv.Of(Run(Images.Web, Images.Options() with { PidsLimit = 512, Network = "nap-web" }));
        var plain = Argv.Of(Run(Images.Web));

        Assert.Equal(["512"], argv.ValuesOf("--pids-limit"));
        Assert.Equal(["nap-web"], argv.ValuesOf("--network"));
        Assert.Empty(plain.ValuesOf("--pids-limit"));
        Assert.Empty(plain.ValuesOf("--network"));
    }

    [Theory]
    [InlineData("nap web")]
    [InlineData("host --privileged")]
    [InlineData("")]
    public void A_network_name_that_is_not_one_word_of_docker_is_refused(string network) =>
        Assert.Throws<RenderException>(() => Run(Images.Web, Images.Options() with { Network = network }));

    [Fact]
    public void Systemd_waits_longer_than_docker_stop_before_it_kills()
    {
        var parsed = new ParsedUnit(Run(Images.Web, Images.Options() with { StopTimeoutSeconds = 25 }).Content);

        Assert.Equal("/usr/bin/docker stop -t 25 nap-web", parsed["Service", "ExecStop"]);
        Assert.Equal("55s", parsed["Service", "TimeoutStopSec"]);
    }
}
