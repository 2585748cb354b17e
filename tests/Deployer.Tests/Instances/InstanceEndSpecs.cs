using Nap.Deployer.Instances;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Tests.Instances;

public sealed class InstanceEndSpecs
{
    [Theory]
    [InlineData("active", "running", 0, null)]
    [InlineData("activating", "start", 0, null)]
    [InlineData("activating", "auto-restart", 3, "its container exited with status 3")]
    [InlineData("activating", "auto-restart-queued", 0, "its container exited with status 0")]
    [InlineData("activating", "auto-restart", 127, "its container exited with status 127 (its command was not found in the image)")]
    [InlineData("activating", "auto-restart", 126, "its container exited with status 126 (its command cannot be run: not executable?)")]
    [InlineData("failed", "failed", 3, "the release stopped running")]
    [InlineData("inactive", "dead", 0, "the release stopped running")]
    public void A_started_instance_has_ended_once_its_unit_stopped_or_waits_to_start_its_exited_container_again(string active, string sub, int status, string? ended) =>
        Assert.Equal(ended, InstanceEnd.Of(new UnitState(active, sub, ExecMainStatus: status)));

    [Fact]
    public void A_docker_run_that_failed_by_itself_is_left_to_the_units_cleanup_and_restart() =>
        Assert.Null(InstanceEnd.Of(new UnitState("activating", "auto-restart", ExecMainStatus: 125)));
}
