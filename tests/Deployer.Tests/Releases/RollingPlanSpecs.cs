using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Instances;
using Nap.Deployer.Releases;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Releases;

public sealed class RollingPlanSpecs
{
    static IReadOnlyList<AppInstance> Instances(int release, params int[] ports) => AppInstance.Of("web", release, ports);

    static string[] Units(IEnumerable<AppInstance> instances) => [.. instances.Select(i => i.Unit)];

    [Fact]
    public void Each_new_instance_takes_one_old_instance_s_place_and_nginx_always_serves_three()
    {
        var old = Instances(4, 20001, 20002, 20003);
        var fresh = Instances(5, 20004, 20005, 20006);

        var steps = RollingPlan.Forward(old, fresh);

        Assert.Equal(["nap-web@5.service", "nap-web@5.2.service", "nap-web@5.3.service"], steps.Select(s => s.Start!.Unit));
        Assert.Equal(["nap-web@5.service", "nap-web@4.2.service", "nap-web@4.3.service"], Units(steps[0].Serving));
        Assert.Equal(["nap-web@5.service", "nap-web@5.2.service", "nap-web@4.3.service"], Units(steps[1].Serving));
        Assert.Equal(["nap-web@5.service", "nap-web@5.2.service", "nap-web@5.3.service"], Units(steps[2].Serving));
        Assert.Equal([["nap-web@4.service"], ["nap-web@4.2.service"], ["nap-web@4.3.service"]], steps.Select(s => Units(s.Retire)));
    }

    [Fact]
    public void A_single_instance_release_is_the_plain_blue_green_switch()
    {
        var step = Assert.Single(RollingPlan.Forward(Instances(1, 20001), Instances(2, 20002)));

        Assert.Equal("nap-web@2.service", step.Start!.Unit);
        Assert.Equal(["nap-web@2.service"], Units(step.Serving));
        Assert.Equal(["nap-web@1.service"], Units(step.Retire));
    }

    [Fact]
    public void Starting_more_instances_than_ran_before_adds_them_and_the_last_step_retires_what_is_left()
    {
        var steps = RollingPlan.Forward(Instances(1, 20001), Instances(2, 20002, 20003, 20004));

        Assert.Equal(["nap-web@2.service"], Units(steps[0].Serving));
        Assert.Equal(["nap-web@1.service"], Units(steps[0].Retire));
        Assert.Empty(steps[1].Retire);
        Assert.Equal(["nap-web@2.service", "nap-web@2.2.service", "nap-web@2.3.service"], Units(steps[2].Serving));
    }

    [Fact]
    public void A_release_with_fewer_instances_retires_the_surplus_old_ones_at_its_last_step()
    {
        var steps = RollingPlan.Forward(Instances(1, 20001, 20002, 20003), Instances(2, 20004));

        Assert.Equal(["nap-web@1.service", "nap-web@1.2.service", "nap-web@1.3.service"], Units(Assert.Single(steps).Retire));
    }

    [Fact]
    public void Undoing_two_replaced_instances_brings_the_old_ones_back_newest_first()
    {
        var old = Instances(4, 20001, 20002, 20003);
        var fresh = Instances(5, 20004, 20005, 20006);

        var back = RollingPlan.Back(old, fresh, done: 2);

        Assert.Equal(["nap-web@4.2.service", "nap-web@4.service"], back.Select(s => s.Start!.Unit));
        Assert.Equal(["nap-web@5.service", "nap-web@4.2.service", "nap-web@4.3.service"], Units(back[0].Serving));
        Assert.Equal(["nap-web@4.service", "nap-web@4.2.service", "nap-web@4.3.service"], Units(back[1].Serving));
        Assert.Equal([["nap-web@5.2.service"], ["nap-web@5.service"]], back.Select(s => Units(s.Retire)));
    }

    [Fact]
    public void Undoing_a_first_release_leaves_nothing_served()
    {
        var back = RollingPlan.Back([], Instances(1, 20001, 20002), done: 1);

        var step = Assert.Single(back);
        Assert.Null(step.Start);
        Assert.Empty(step.Serving);
    }

    [Fact]
    public void Instance_one_keeps_the_single_instance_names_and_the_others_cannot_meet_another_app_s()
    {
        Assert.Equal("nap-hello@3.service", ReleaseNames.Instance("hello", 3));
        Assert.Equal("nap-hello-3", ReleaseNames.Container("hello", 3));
        Assert.Equal("nap-hello-3.2", ReleaseNames.Container("hello", 3, 2));
        // App hello-3's release 2 is nap-hello-3-2: the '.' keeps the two apart.
        Assert.NotEqual(ReleaseNames.Container("hello-3", 2), ReleaseNames.Container("hello", 3, 2));
    }

    [Fact]
    public void A_release_records_every_instance_s_port_with_the_first_where_it_always_was()
    {
        var release = new Release(1, "rev", "alice", DateTimeOffset.UnixEpoch, null, null, ReleaseResult.Pending).WithPorts([20001, 20002, 20003]);

        Assert.Equal(20001, release.Port);
        Assert.Equal([20002, 20003], release.ExtraPorts);
        Assert.Equal([20001, 20002, 20003], release.Ports);
    }
}
