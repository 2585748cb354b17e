using Nap.Protocol;

namespace Nap.Cli.Tests;

/// <summary>`nap certs renew`, the renewal timer's command; its run against napd is Host.Tests' AcmeSpecs (the timer's spec).</summary>
public sealed class CertsSpecs : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("nap-certs-").FullName;
    readonly StringWriter stdout = new(), stderr = new();

    NapPaths Paths => new(dir, dir, dir);

    [Fact]
    public async Task Without_napd_running_the_renewal_says_so_in_one_line_and_fails_so_the_timer_s_unit_fails()
    {
        var exit = await CertsCommand.RunAsync(["renew"], stdout, stderr, Paths);

        Assert.Equal(1, exit);
        Assert.Equal($"nap: the nap daemon is not reachable at {Paths.Socket} (AddressNotAvailable): ask the host's admin to check 'systemctl status napd'",
            stderr.ToString().Trim());
    }

    [Fact]
    public async Task Unknown_arguments_are_refused_with_the_way_to_the_help()
    {
        var exit = await CertsCommand.RunAsync(["renew", "--all"], stdout, stderr, Paths);

        Assert.Equal(2, exit);
        Assert.Equal("nap certs: unknown arguments 'renew --all': run 'nap certs --help'", stderr.ToString().Trim());
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
