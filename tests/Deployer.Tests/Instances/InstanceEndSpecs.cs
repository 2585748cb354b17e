using Nap.Deployer.Instances;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Tests.Instances;

public sealed class InstanceEndSpecs
{
    [Theory]
    [InlineData("active", "running", 42, 0, null)]
    [InlineData("activating", "start", 42, 0, null)]
    [InlineData("activating", "auto-restart", 0, 3, "its container exited with status 3")]
    [InlineData("activating", "auto-restart-queued", 0, 0, "its container exited with status 0")]
    [InlineData("deactivating", "stop-post", 0, 1, "its container exited with status 1")]
    [InlineData("activating", "auto-restart", 0, 127, "its container exited with status 127 (its command was not found in the image)")]
    [InlineData("deactivating", "stop-post", 0, 126, "its container exited with status 126 (its command cannot be run: not executable?)")]
    [InlineData("failed", "failed", 0, 3, "the release stopped running")]
    [InlineData("inactive", "dead", 0, 0, "the release stopped running")]
    public void A_started_instance_has_ended_once_its_unit_stopped_or_its_docker_run_exited(string active, string sub, int mainPid, int status, string? ended) =>
        Assert.Equal(ended, InstanceEnd.Of(new UnitState(active, sub, mainPid, ExecMainStatus: status)));

    [Theory]
    [InlineData("deactivating", "stop-post")]
    [InlineData("activating", "auto-restart")]
    public void A_docker_run_that_failed_by_itself_is_left_to_the_units_cleanup_and_restart(string active, string sub) =>
        Assert.Null(InstanceEnd.Of(new UnitState(active, sub, ExecMainStatus: 125)));

    [Fact]
    public void A_unit_being_stopped_whose_container_still_runs_has_not_ended_yet() =>
        Assert.Null(InstanceEnd.Of(new UnitState("deactivating", "stop-sigterm", MainPid: 42)));
}
