using Nap.Deployer.Acme;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Acme;

/// <summary>napd's ACME adapter where no CA is needed: the client missing, and the directories it prepares.</summary>
public sealed class LegoSpecs : IDisposable
{
    readonly TestDir dir = new();

    AcmeOptions Options => new("https://127.0.0.1:9/dir", null, Path.Combine(dir.Path, "acme"), Path.Combine(dir.Path, "webroot"));

    [Fact]
    public async Task Without_the_client_installed_the_reason_is_one_line_that_says_how_to_install_it()
    {
        var lego = new Lego(Options.WithBinary(Path.Combine(dir.Path, "no-lego")));

        var e = await Assert.ThrowsAsync<AcmeException>(() => lego.ObtainAsync(["web.example.com"], "ops@example.com", default));

        Assert.Equal($"the ACME client {Path.Combine(dir.Path, "no-lego")} is not installed: run scripts/install.sh again (or apt-get install lego)", e.Message);
    }

    [Fact]
    public async Task The_accounts_are_root_s_alone_and_the_webroot_is_readable_by_nginx_s_workers()
    {
        var lego = new Lego(Options);

        // Nothing answers on port 9: lego fails, after napd prepared its directories.
        var e = await Assert.ThrowsAsync<AcmeException>(() => lego.ObtainAsync(["web.example.com"], "ops@example.com", default));

        Assert.Contains("connection refused", e.Message);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Options.DataDir));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(Options.Webroot));
    }

    public void Dispose() => dir.Dispose();
}
