using Nap.Deployer.Systemd;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Systemd;

public sealed class JournalQuerySpecs
{
    [Fact]
    public void The_logs_of_a_scaled_app_read_every_instance_s_unit_in_one_journalctl()
    {
        var query = new JournalQuery("nap-web@4.service", Lines: 10).WithMoreUnits(["nap-web@4.2.service", "nap-web@4.3.service"]);

        Assert.Equal(
            ["--unit", "nap-web@4.service", "--unit", "nap-web@4.2.service", "--unit", "nap-web@4.3.service", "--output", "json", "--no-pager", "--quiet", "--lines=10"],
            query.ToArguments());
    }
}
