using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

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
        Assert.Equal(TimeSpan.FromSeconds(10), service.StopGracePeriod);
        Assert.Equal(("nap-web", "journald", "any"), (service.Network, service.LogDriver, service.RestartCondition));
        Assert.Empty(service.Constraints);
        Assert.Empty(service.Notes);
    }

    [Fact]
    public void The_command_is_docker_service_create_with_one_flag_a_word_and_the_image_last()
    {
        var args = SwarmCommand.Arguments(Render(Images.Web));

        Assert.Equal(
        [
            "service", "create", "--detach", "--with-registry-auth", "--name=nap-web-3", "--replicas=1",
            "--label=nap.app=web", "--label=nap.release=3", "--container-label=nap.app=web", "--container-label=nap.release=3",
            "--init", "--publish=mode=host,target=8080", "--env-file=/var/lib/nap/apps/web/env", "--env=PORT=8080",
            "--stop-grace-period=10s", "--network=nap-web", "--restart-condition=any", "--log-driver=journald",
            "10.0.0.2:5000/web:20260102-030405-0123456",
        ], args);
    }

    [Fact]
    public void A_volume_is_bound_at_the_single_hosts_path_and_pins_the_app_to_the_manager_with_a_note()
    {
        var image = Images.Web with { Volumes = ["/data", "/var/lib/my-db"] };

        var service = Render(image, Release() with { DataDir = "/var/lib/nap/apps/{App}" });

        Assert.Equal([new SwarmMount("/var/lib/nap/apps/web/volumes/data", "/data"), new SwarmMount("/var/lib/nap/apps/web/volumes/var-lib-my_2ddb", "/var/lib/my-db")], service.Mounts);
        Assert.Equal(["node.role==manager"], service.Constraints);
        Assert.Equal(["web has a VOLUME (/data, /var/lib/my-db): it runs on the manager only (node.role==manager), its data stays in /var/lib/nap/apps/web/volumes"], service.Notes);
        Assert.Contains("--mount=type=bind,source=/var/lib/nap/apps/web/volumes/data,target=/data", SwarmCommand.Arguments(service));
    }
}
