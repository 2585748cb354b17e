using Microsoft.VisualBasic.FileIO;
using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>The swarm flavor's table, row by row: what each Dockerfile instruction or option becomes in the service.</summary>
public class SwarmSpecs
{
    static UnitOptions Release(int number = 3) => Images.Options() with
    {
        Flavor = UnitFlavor.Swarm,
        Release = number,
        Image = "10.0.0.2:5000/web:20260102-030405-0123456",
        EnvFile = "/var/lib/nap/apps/web/env",
        Network = "nap-web",
    };

    static SwarmService Render(ImageConfig image, UnitOptions? options = null) =>
        UnitRenderer.RenderSwarm(image, options ?? Release());

    static IReadOnlyList<string> Args(ImageConfig image, UnitOptions? options = null) =>
        SwarmCommand.Arguments(Render(image, options));

    [Fact]
    public void A_release_is_a_service_named_after_the_app_and_the_release_with_the_registrys_image()
    {
        var service = Render(Images.Web);

        Assert.Equal("nap-web-3", service.Name);
        Assert.Equal("10.0.0.2:5000/web:20260102-030405-0123456", service.Image);
        Assert.Equal(1, service.Replicas);
        Assert.Equal([new("nap.app", "web"), new("nap.release", "3")], service.Labels);
        Assert.Equal(service.Labels, service.ContainerLabels);
        Assert.Equal([new SwarmPort(8080)], service.PublishedTargets);
        Assert.Equal([new("PORT", "8080")], service.Env);
        Assert.Equal("/var/lib/nap/apps/web/env", service.EnvFile);
        Assert.True(service.Init);
        Assert.Null(service.User);
        Assert.Null(service.StopSignal);
        Assert.Null(service.Health);
        Assert.Equal(SwarmLimits.None, service.Limits);
        Assert.Equal(TimeSpan.FromSeconds(10), service.StopGracePeriod);
        Assert.Equal(("nap-web", "journald", "any"), (service.Network, service.LogDriver, service.RestartCondition));
        Assert.Empty(service.Mounts);
        Assert.Empty(service.Constraints);
        Assert.Empty(service.Notes);
    }

    [Fact]
    public void The_command_is_docker_service_create_detached_with_one_flag_a_word_and_the_image_last()
    {
        Assert.Equal(
        [
            "service", "create", "--detach", "--with-registry-auth", "--name=nap-web-3", "--replicas=1",
            "--label=nap.app=web", "--label=nap.release=3", "--container-label=nap.app=web", "--container-label=nap.release=3",
            "--init", "--publish=mode=host,target=8080", "--env-file=/var/lib/nap/apps/web/env", "--env=PORT=8080",
            "--stop-grace-period=10s", "--network=nap-web", "--restart-condition=any", "--log-driver=journald",
            "10.0.0.2:5000/web:20260102-030405-0123456",
        ], Args(Images.Web));
    }

    [Fact]
    public void Without_a_release_the_service_is_nap_APP_and_nap_release_is_the_revision_as_in_the_run_unit()
    {
        var service = Render(Images.Web, Release() with { Release = null });

        Assert.Equal("nap-web", service.Name);
        Assert.Equal(new("nap.release", "0123456789abcdef0123456789abcdef01234567"), service.Labels[1]);
    }

    [Fact]
    public void An_environments_service_takes_an_underscore_for_the_dot_swarm_names_refuse()
    {
        Assert.Equal("nap-shop_staging-2", Render(Images.Web, Release(2) with { App = "shop.staging" }).Name);
    }

    [Fact]
    public void A_name_longer_than_swarm_takes_is_refused_in_one_line()
    {
        var app = "a" + new string('b', 57);

        var error = Assert.Throws<RenderException>(() => Render(Images.Web, Release(12) with { App = app }));

        Assert.Equal($"the service name nap-{app}-12 is longer than Swarm's 63 characters: on a cluster, give the app a shorter name", error.Message);
    }

    [Fact]
    public void Replicas_come_from_the_option()
    {
        Assert.Contains("--replicas=3", Args(Images.Web, Release() with { Replicas = 3 }));
        Assert.Equal("replicas -1 is out of range: use 0 to 1000", Assert.Throws<RenderException>(() => Render(Images.Web, Release() with { Replicas = -1 })).Message);
    }

    [Fact]
    public void LABEL_nap_init_false_leaves_PID_1_to_the_app()
    {
        var image = Images.Web.WithLabels([new("nap.init", "false")]);

        Assert.False(Render(image).Init);
        Assert.DoesNotContain("--init", Args(image));
    }

    [Fact]
    public void The_web_port_is_published_in_host_mode_on_a_port_the_engine_picks()
    {
        Assert.Equal([new SwarmPort(9000)], Render(Images.Web, Release() with { WebPort = 9000 }).PublishedTargets);
        Assert.Equal([new SwarmPort(5000)], Render(Images.Web with { Ports = [] }).PublishedTargets);
        Assert.Contains("--publish=mode=host,target=9000", Args(Images.Web, Release() with { WebPort = 9000 }));
    }

    [Fact]
    public void Publish_options_keep_their_host_port_and_protocol_but_not_an_address()
    {
        var options = Release().WithPublish(new PortMapping(53, 5353, "udp"), new PortMapping(null, 8080));

        Assert.Equal(["mode=host,target=5353,protocol=udp,published=53", "mode=host,target=8080"], Args(Images.Web, options with { Template = true }).ValuesOf("--publish"));
        Assert.StartsWith("port 127.0.0.1:80:8080: a Swarm service publishes on every address of its node",
            Assert.Throws<RenderException>(() => Render(Images.Web, Release().WithPublish(new PortMapping(80, 8080, HostIp: "127.0.0.1")))).Message);
    }

    [Fact]
    public void The_apps_config_and_PORT_are_its_environment()
    {
        var args = Args(Images.Web, Release() with { WebPort = 9000 });

        Assert.Equal(["/var/lib/nap/apps/web/env"], args.ValuesOf("--env-file"));
        Assert.Equal(["PORT=9000"], args.ValuesOf("--env"));
        Assert.Empty(Args(Images.Web, Release() with { EnvFile = null }).ValuesOf("--env-file"));
    }

    [Fact]
    public void A_volume_is_bound_at_the_single_hosts_path_and_pins_the_app_to_the_manager_with_a_note()
    {
        var image = Images.Web with { Volumes = ["/data", "/var/lib/my-db", "/data"] };

        var service = Render(image, Release() with { DataDir = "/srv/nap/{App}" });

        Assert.Equal([new SwarmMount("/srv/nap/web/volumes/data", "/data"), new SwarmMount("/srv/nap/web/volumes/var-lib-my_2ddb", "/var/lib/my-db")], service.Mounts);
        Assert.Equal(["node.role==manager"], service.Constraints);
        Assert.Equal(["web has a VOLUME (/data, /var/lib/my-db): it runs on the manager only (node.role==manager), its data stays in /srv/nap/web/volumes"], service.Notes);
        Assert.Equal(["type=bind,source=/srv/nap/web/volumes/data,target=/data", "type=bind,source=/srv/nap/web/volumes/var-lib-my_2ddb,target=/var/lib/my-db"],
            SwarmCommand.Arguments(service).ValuesOf("--mount"));
    }

    [Fact]
    public void The_pin_joins_the_apps_own_constraints_once()
    {
        var image = Images.Web with { Volumes = ["/data"], Labels = [new("nap.constraint", "node.role==manager;node.labels.disk==ssd")] };

        Assert.Equal(["node.role==manager", "node.labels.disk==ssd"], Render(image).Constraints);
    }

    [Fact]
    public void A_volume_path_stays_one_mount_field_whatever_it_holds()
    {
        var image = Images.Web with { Volumes = ["/data,source=/etc,readonly=false", "/say \"hi\""] };

        var mounts = Args(image).ValuesOf("--mount");

        // The CLI reads --mount as one CSV record (docker/cli opts/mount.go): read it back the same way.
        Assert.Equal([["type=bind", "source=/var/lib/nap/apps/web/volumes/data_2csource_3d-etc_2creadonly_3dfalse", "target=/data,source=/etc,readonly=false"],
            ["type=bind", "source=/var/lib/nap/apps/web/volumes/say_20_22hi_22", "target=/say \"hi\""]], mounts.Select(Csv));
    }

    [Fact]
    public void A_volume_that_docker_run_cannot_mount_is_refused_on_the_cluster_too() =>
        Assert.Equal("VOLUME \"/a:/b\" cannot be mounted with docker run -v: use an absolute path without ':'",
            Assert.Throws<RenderException>(() => Render(Images.Web with { Volumes = ["/a:/b"] })).Message);

    [Fact]
    public void USER_and_STOPSIGNAL_are_the_tasks_user_and_stop_signal_and_cannot_pass_for_flags()
    {
        var image = Images.Web with { User = "--privileged", StopSignal = "SIGQUIT" };

        Assert.Equal(("--privileged", "SIGQUIT"), (Render(image).User, Render(image).StopSignal));
        Assert.Contains("--user=--privileged", Args(image));
        Assert.Contains("--stop-signal=SIGQUIT", Args(image));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30, "30s")]
    [InlineData(90, "1m30s")]
    public void The_stop_timeout_is_the_stop_grace_period(int seconds, string flag)
    {
        var options = Release() with { StopTimeoutSeconds = seconds };

        Assert.Equal(TimeSpan.FromSeconds(seconds), Render(Images.Web, options).StopGracePeriod);
        Assert.Equal([flag], Args(Images.Web, options).ValuesOf("--stop-grace-period"));
    }

    [Fact]
    public void A_shell_HEALTHCHECK_is_the_services_health_check()
    {
        var image = Images.Web with { HealthCheck = new() { Test = ["CMD-SHELL", "wget -qO- localhost:8080 || exit 1"], Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(2), StartPeriod = TimeSpan.FromMilliseconds(1500), Retries = 3 } };

        var health = Render(image).Health!;

        Assert.Equal(["CMD-SHELL", "wget -qO- localhost:8080 || exit 1"], health.Test);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1500), 3), (health.Interval, health.Timeout, health.StartPeriod, health.Retries));
        Assert.Equal(["--health-cmd=wget -qO- localhost:8080 || exit 1", "--health-interval=5s", "--health-timeout=2s", "--health-start-period=1s500ms", "--health-retries=3"],
            Args(image).Where(a => a.StartsWith("--health", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_exec_HEALTHCHECK_is_in_the_model_for_the_api_and_left_to_the_image_by_the_cli()
    {
        var image = Images.Web with { HealthCheck = new() { Test = ["CMD", "/bin/check", "--deep"], Retries = 2 } };

        Assert.Equal(["CMD", "/bin/check", "--deep"], Render(image).Health!.Test);
        Assert.Equal(["--health-retries=2"], Args(image).Where(a => a.StartsWith("--health", StringComparison.Ordinal)));
    }

    [Fact]
    public void HEALTHCHECK_NONE_disables_the_images_check()
    {
        var image = Images.Web with { HealthCheck = HealthCheck.Disabled };

        Assert.True(Render(image).Health!.IsDisabled);
        Assert.Equal(["NONE"], Render(image).Health!.Test);
        Assert.Contains("--no-healthcheck", Args(image));
    }

    [Theory]
    [InlineData("512m", 536870912L, "512m")]
    [InlineData("1.5g", 1610612736L, "1536m")]
    [InlineData("256M", 268435456L, "256m")]
    [InlineData("100000", 100000L, "100000")]
    [InlineData("64k", 65536L, "64k")]
    public void Memory_is_the_limit_in_bytes_as_docker_reads_it(string memory, long bytes, string flag)
    {
        var options = Release() with { Memory = memory };

        Assert.Equal(bytes, Render(Images.Web, options).Limits.MemoryBytes);
        Assert.Equal([flag], Args(Images.Web, options).ValuesOf("--limit-memory"));
    }

    [Theory]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("0.25", 250_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    public void Cpus_are_the_limit_in_billionths_of_a_cpu(string cpus, long nano)
    {
        var options = Release() with { Cpus = cpus };

        Assert.Equal(nano, Render(Images.Web, options).Limits.NanoCpus);
        Assert.Equal([cpus], Args(Images.Web, options).ValuesOf("--limit-cpu"));
    }

    [Fact]
    public void The_pids_limit_is_the_tasks_pids_limit()
    {
        Assert.Equal(256, Render(Images.Web, Release() with { PidsLimit = 256 }).Limits.Pids);
        Assert.Equal(["256"], Args(Images.Web, Release() with { PidsLimit = 256 }).ValuesOf("--limit-pids"));
    }

    [Theory]
    [InlineData("lots", null, "memory 'lots' is not a size docker reads")]
    [InlineData("5x", null, "memory '5x' is not a size docker reads")]
    [InlineData("999999999999999t", null, "memory '999999999999999t' is more than docker can limit")]
    [InlineData(null, "1,5", "cpus '1,5' is not a number of CPUs")]
    [InlineData(null, "0.0000000001", "cpus '0.0000000001' is not a number of CPUs")]
    public void Limits_docker_cannot_read_are_refused(string? memory, string? cpus, string message) =>
        Assert.StartsWith(message, Assert.Throws<RenderException>(() => Render(Images.Web, Release() with { Memory = memory, Cpus = cpus })).Message);

    [Fact]
    public void No_network_option_leaves_the_engines_default()
    {
        Assert.Null(Render(Images.Web, Release() with { Network = null }).Network);
        Assert.Empty(Args(Images.Web, Release() with { Network = null }).ValuesOf("--network"));
    }

    [Fact]
    public void Tasks_restart_whatever_ended_them_and_log_to_their_nodes_journal()
    {
        var args = Args(Images.Web);

        Assert.Equal(["any"], args.ValuesOf("--restart-condition"));
        Assert.Equal(["journald"], args.ValuesOf("--log-driver"));
    }

    static IReadOnlyList<string> Csv(string record)
    {
        using var parser = new TextFieldParser(new StringReader(record)) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        return parser.ReadFields()!;
    }
}
