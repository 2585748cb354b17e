using System.Diagnostics;
using Nap.Deployer.Builds;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Server;

/// <summary>The built napd binary as systemd would start it (outside systemd, AddSystemd does nothing).</summary>
public sealed class NapdProcessSpecs : IDisposable
{
    readonly TestDir dir = new();
    readonly NapPaths paths;

    public NapdProcessSpecs() => paths = new NapPaths(dir.Sub("data"), dir.Sub("etc"), Path.Combine(dir.Path, "run"));

    Process Start()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "napd")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NAP_DATA_DIR"] = paths.DataDir;
        start.Environment["NAP_CONFIG_DIR"] = paths.ConfigDir;
        start.Environment["NAP_RUNTIME_DIR"] = paths.RuntimeDir;
        return Process.Start(start)!;
    }

    [Fact]
    public async Task A_bad_setting_stops_napd_with_one_line_naming_the_key()
    {
        File.WriteAllText(paths.ConfigFile, """{ "appPorts": "lots" }""");
        using var napd = Start();

        var stderr = await napd.StandardError.ReadToEndAsync();
        await napd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, napd.ExitCode);
        Assert.Equal($"napd: {paths.ConfigFile}: 'appPorts' must be a port range \"FIRST-LAST\" within 1-65535\n", stderr);
        Assert.False(File.Exists(paths.Socket));
    }

    [Fact]
    public async Task Napd_serves_root_on_its_socket_and_stops_cleanly_on_sigterm()
    {
        using var napd = Start();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(paths.Socket) && DateTime.UtcNow < deadline && !napd.HasExited)
                await Task.Delay(50);

            var stdout = new StringWriter();
            var code = await NapClient.SendAsync(paths.Socket, new NapRequest("apps", [], "whoever"), stdout, new StringWriter());

            Assert.Equal(0, code);
            Assert.Equal("no apps yet: git push nap@HOST:APP master\n", stdout.ToString().Replace("\r", ""));
        }
        finally
        {
            // SIGTERM, as systemctl stop sends it, to this spec's own child only.
            Process.Start("kill", ["-TERM", napd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }

        await napd.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, napd.ExitCode);
    }

    public void Dispose() => dir.Dispose();
}
