using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class BuildUnitSpecs
{
    [Fact]
    public void The_build_unit_builds_the_checkout_with_the_revision_in_the_tag_and_OCI_labels()
    {
        var options = Images.Options() with { Source = "https://git.example.com/web.git" };

        var unit = UnitRenderer.RenderBuild(Images.Web, options);
        var argv = Argv.Of(unit);

        Assert.Equal("nap-web-build.service", unit.Name);
        Assert.Equal(["nap/web:0123456789ab"], argv.ValuesOf("-t"));
        Assert.Equal(
            ["org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567", "org.opencontainers.image.source=https://git.example.com/web.git", "org.opencontainers.image.created=2026-01-02T03:04:05Z", "nap.app=web"],
            argv.ValuesOf("--label"));
        Assert.Equal("/var/lib/nap/apps/web/releases/1/src", argv[^1]);
    }

    [Fact]
    public void A_release_build_also_gets_its_dated_tag_and_its_release_number_as_a_label()
    {
        var options = Images.Options() with { Image = "nap/web:7-0123456789abcdef0123456789abcdef", ExtraTags = ["nap/web:20260102-030405-0123456"], Release = 7 };

        var argv = Argv.Of(UnitRenderer.RenderBuild(Images.Web, options));

        Assert.Equal(["nap/web:7-0123456789abcdef0123456789abcdef", "nap/web:20260102-030405-0123456"], argv.ValuesOf("-t"));
        Assert.Equal("nap.release=7", argv.ValuesOf("--label")[^1]);
    }

    [Fact]
    public void The_build_unit_is_a_oneshot_with_time_for_a_build()
    {
        var parsed = new ParsedUnit(UnitRenderer.RenderBuild(Images.Web, Images.Options()).Content);

        Assert.Equal("oneshot", parsed["Service", "Type"]);
        Assert.Equal("30min", parsed["Service", "TimeoutStartSec"]);
        Assert.Equal("docker.service", parsed["Unit", "Requires"]);
    }

    [Fact]
    public void A_given_image_name_and_Dockerfile_are_used()
    {
        var options = Images.Options() with { Image = "registry.local/web:v1", Dockerfile = "/src/web.Dockerfile" };

        var argv = Argv.Of(UnitRenderer.RenderBuild(Images.Web, options));

        Assert.Equal(["registry.local/web:v1"], argv.ValuesOf("-t"));
        Assert.Equal(["/src/web.Dockerfile"], argv.ValuesOf("--file"));
    }

    [Fact]
    public void The_build_unit_uses_BuildKit_with_plain_progress_lines()
    {
        var unit = UnitRenderer.RenderBuild(Images.Web, Images.Options());

        Assert.Equal("DOCKER_BUILDKIT=1", new ParsedUnit(unit.Content)["Service", "Environment"]);
        Assert.Equal(["/usr/bin/docker", "build", "--progress=plain"], Argv.Of(unit).Take(3));
    }

    [Fact]
    public void Given_the_buildx_plugin_the_build_unit_runs_it_itself_with_the_same_arguments()
    {
        var plain = Argv.Of(UnitRenderer.RenderBuild(Images.Web, Images.Options()));

        var direct = Argv.Of(UnitRenderer.RenderBuild(Images.Web, Images.Options() with { Buildx = "/usr/libexec/docker/cli-plugins/docker-buildx" }));

        Assert.Equal(["/usr/libexec/docker/cli-plugins/docker-buildx", .. plain.Skip(1)], direct);
    }

    [Fact]
    public void A_source_policy_reaches_buildx_through_its_variable()
    {
        var unit = UnitRenderer.RenderBuild(Images.Web, Images.Options() with { SourcePolicy = "/var/lib/nap/apps/web/releases/1/build/source-policy.json" });

        Assert.Equal(
            ["DOCKER_BUILDKIT=1", "EXPERIMENTAL_BUILDKIT_SOURCE_POLICY=/var/lib/nap/apps/web/releases/1/build/source-policy.json"],
            new ParsedUnit(unit.Content).All("Service", "Environment"));
    }

    [Theory]
    [InlineData("relative/policy.json")]
    [InlineData("/tmp/my policy.json")]
    [InlineData("/tmp/$HOME.json")]
    [InlineData("/tmp/\"x.json")]
    public void A_source_policy_path_environment_would_split_or_expand_is_refused(string path) =>
        Assert.Throws<RenderException>(() => UnitRenderer.RenderBuild(Images.Web, Images.Options() with { SourcePolicy = path }));

    [Theory]
    [InlineData("v1.0 beta/2", "nap/web:v1.0_beta_2")]
    [InlineData("-rc1", "nap/web:_rc1")]
    public void A_revision_that_is_not_a_docker_tag_is_made_into_one(string revision, string tag) =>
        Assert.Equal([tag], Argv.Of(UnitRenderer.RenderBuild(Images.Web, Images.Options() with { Revision = revision })).ValuesOf("-t"));

    [Fact]
    public void A_build_scope_puts_the_cache_mounts_under_the_app_and_salts_every_step()
    {
        var argv = Argv.Of(UnitRenderer.RenderBuild(Images.Web, Images.Options() with { BuildScope = "0123456789abcdef" }));

        Assert.Equal(["BUILDKIT_CACHE_MOUNT_NS=web/0123456789abcdef"], argv.ValuesOf("--build-arg"));
        Assert.Equal(["0123456789abcdef.web.nap.invalid:127.0.0.1"], argv.ValuesOf("--add-host"));
    }

    [Fact]
    public void Without_a_build_scope_the_build_shares_the_engine_s_caches_as_docker_build_does()
    {
        var argv = Argv.Of(UnitRenderer.RenderBuild(Images.Web, Images.Options()));

        Assert.Empty(argv.ValuesOf("--build-arg"));
        Assert.Empty(argv.ValuesOf("--add-host"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("x --privileged")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_build_scope_that_is_not_a_short_token_is_refused(string scope)
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.RenderBuild(Images.Web, Images.Options() with { BuildScope = scope }));

        Assert.Contains("must be 1 to 63 letters and digits", error.Message);
    }

    [Fact]
    public void A_build_cgroup_puts_the_steps_under_the_build_unit_which_holds_them_to_its_limits()
    {
        var options = Images.Options() with { BuildTasks = 512, BuildMemory = "2048M", BuildCgroup = "/system.slice/nap-web-build.service" };

        var unit = UnitRenderer.RenderBuild(Images.Web, options);
        var parsed = new ParsedUnit(unit.Content);

        Assert.Contains("--cgroup-parent=/system.slice/nap-web-build.service", Argv.Of(unit));
        Assert.Equal(("512", "2048M", "yes"), (parsed["Service", "TasksMax"], parsed["Service", "MemoryMax"], parsed["Service", "Delegate"]));
    }

    [Fact]
    public void Without_a_build_cgroup_the_limits_hold_the_build_unit_alone_and_nothing_is_delegated()
    {
        var unit = UnitRenderer.RenderBuild(Images.Web, Images.Options() with { BuildTasks = 512 });

        Assert.DoesNotContain(Argv.Of(unit), word => word.StartsWith("--cgroup-parent", StringComparison.Ordinal));
        Assert.Equal("512", new ParsedUnit(unit.Content)["Service", "TasksMax"]);
        Assert.DoesNotContain("Delegate=", unit.Content);
        Assert.DoesNotContain("MemoryMax=", unit.Content);
    }

    [Theory]
    [InlineData("system.slice/nap-web-build.service")]
    [InlineData("system.slice:nap:web")]
    [InlineData("/system.slice/../nap-web-build.service")]
    [InlineData("/system.slice/nap web")]
    [InlineData("/system.slice/$HOME")]
    public void A_build_cgroup_that_is_not_a_plain_absolute_path_is_refused(string cgroup)
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.RenderBuild(Images.Web, Images.Options() with { BuildCgroup = cgroup }));

        Assert.Contains("is not a usable build cgroup", error.Message);
    }

    [Fact]
    public void Render_gives_the_build_unit_then_the_run_unit() =>
        Assert.Equal(["nap-web-build.service", "nap-web.service"], UnitRenderer.Render(Images.Web, Images.Options()).Select(u => u.Name));
}
