using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class InitSpecs
{
    static IReadOnlyList<string> Argv(string dockerfile, bool template = true) =>
        Rendering.Argv.Of(UnitRenderer.RenderRun(Dockerfile.Parse(dockerfile), Images.Options().WithTemplate(template)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_app_runs_under_docker_init_by_default(bool template)
    {
        var argv = Argv("FROM local/busybox\nCMD [\"httpd\", \"-f\"]\n", template);

        Assert.Equal(["/usr/bin/docker", "run", "--rm", "--name", template ? "nap-web-1" : "nap-web", "--init"], argv.Take(6));
    }

    [Fact]
    public void An_image_whose_entrypoint_is_tini_still_gets_docker_init_as_its_parent()
    {
        var argv = Argv("FROM debian\nENTRYPOINT [\"/tini\", \"--\"]\nCMD [\"/worker.sh\"]\n");

        Assert.Contains("--init", argv);
    }

    [Fact]
    public void I_can_leave_pid_1_to_my_app_with_a_label()
    {
        var argv = Argv("FROM local/busybox\nLABEL nap.init=false\n");

        Assert.DoesNotContain("--init", argv);
    }

    [Fact]
    public void The_last_nap_init_label_wins_as_in_docker()
    {
        Assert.Contains("--init", Argv("FROM local/busybox\nLABEL nap.init=false\nLABEL nap.init=true\n"));
        Assert.DoesNotContain("--init", Argv("FROM local/busybox\nLABEL nap.init=true other=1\nLABEL nap.init=false\n"));
    }

    [Fact]
    public void A_nap_init_label_that_is_neither_true_nor_false_is_refused_with_one_line()
    {
        var error = Assert.Throws<RenderException>(() => Argv("FROM local/busybox\nLABEL nap.init=no\n"));

        Assert.Equal("LABEL nap.init=no is not understood: use nap.init=true (the default, tini as PID 1) or nap.init=false", error.Message);
    }
}
