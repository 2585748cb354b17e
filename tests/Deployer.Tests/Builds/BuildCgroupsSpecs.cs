using Nap.Deployer.Builds;

namespace Nap.Deployer.Tests.Builds;

public class BuildCgroupsSpecs
{
    [Fact]
    public void On_cgroup_v2_the_root_is_the_mounts_own()
    {
        Assert.Equal("", BuildCgroups.RootOf(["0::/system.slice/napd.service"]));
    }

    [Fact]
    public void On_a_nested_cgroup_v1_host_the_root_is_what_the_pids_hierarchy_has_before_system_slice()
    {
        string[] lines =
        [
            "13:perf_event:/docker/4f2a",
            "5:pids:/docker/4f2a/system.slice/napd.service",
            "1:name=systemd:/docker/4f2a/system.slice/napd.service",
            "0::/docker/4f2a/system.slice/napd.service",
        ];

        Assert.Equal("/docker/4f2a", BuildCgroups.RootOf(lines));
    }

    [Theory]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope")]
    [InlineData("5:pids:/")]
    [InlineData("")]
    public void Outside_system_slice_there_is_no_root_and_builds_keep_the_engines_default(string line) =>
        Assert.Null(BuildCgroups.RootOf(line == "" ? [] : [line]));
}
