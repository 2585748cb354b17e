using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// Let's Encrypt's test ACME server, pebble, with its mock DNS, on the test machine (scripts/pebble.sh), started once
/// per class, and the shared nap host pointed at it: napd.json's acmeDirectory, acmeCaBundle (the CA of pebble's https
/// listener) and acmeEmail, napd restarted once. Every name resolves to the host for pebble's validator, which fetches
/// HTTP-01 answers from the host's nginx on port 80; pebble refuses to issue for <see cref="RefusedDomain"/>.
/// </summary>
public sealed class Pebble : IAsyncLifetime
{
    public const string RefusedDomain = "refused.nap.test";

    public const string Email = "ops@nap.test";

    /// <summary>Where the host finds the listener's CA, as napd.json names it.</summary>
    const string HostCaBundle = "/etc/nap/acme-test-ca.pem";

    readonly string dir = Directory.CreateTempSubdirectory("nap-pebble-").FullName;
    readonly SemaphoreSlim once = new(1, 1);
    IReadOnlyDictionary<string, string>? env;

    public string DirectoryUrl => Env["PEBBLE_DIRECTORY"];

    /// <summary>pebble's listener port, which the ACME client on the host connects to.</summary>
    public int Port => new Uri(DirectoryUrl).Port;

    /// <summary>The root that signs the certificates pebble issues (a file on the test machine), for curl --cacert.</summary>
    public string RootFile => Path.Combine(dir, "root.pem");

    IReadOnlyDictionary<string, string> Env => env ?? throw new InvalidOperationException("pebble is not started: await AttachAsync(host) first");

    /// <summary>Starts pebble for <paramref name="host"/> and points its napd at it, the first time only.</summary>
    public async Task AttachAsync(NapHost host)
    {
        await once.WaitAsync();
        try
        {
            if (env is not null)
                return;
            // The host reaches this machine at its default route's gateway (docker's bridge).
            var route = (await host.Exec("ip", "-4", "route", "show", "default")).EnsureSuccess("ip route").Stdout.Split(' ');
            var gateway = route[Array.IndexOf(route, "via") + 1];
            var start = (await Run.Async(Path.Combine(RepoLayout.Scripts, "pebble.sh"), ["start", dir, gateway, host.Ip])).EnsureSuccess("pebble.sh start");
            env = start.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var root = (await Run.Async("curl", ["-fsSk", Env["PEBBLE_ROOTS"]])).EnsureSuccess("pebble's root");
            await File.WriteAllTextAsync(RootFile, root.Stdout);
            await PointHostAsync(host);
        }
        finally
        {
            once.Release();
        }
    }

    async Task PointHostAsync(NapHost host)
    {
        (await host.ExecWithInput(await File.ReadAllTextAsync(Env["PEBBLE_LISTENER_CA"]), "sh", "-c", $"cat > {HostCaBundle}")).EnsureSuccess("copying pebble's CA");
        var config = JsonNode.Parse((await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("reading napd.json").Stdout)!.AsObject();
        config["acmeDirectory"] = DirectoryUrl;
        config["acmeCaBundle"] = HostCaBundle;
        config["acmeEmail"] = Email;
        // Indented as install.sh writes it, so other specs' edits by line still find their keys.
        (await host.ExecWithInput(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), "sh", "-c", "cat > /etc/nap/napd.json"))
            .EnsureSuccess("writing napd.json");
        await host.RestartNapdAsync();
    }

    /// <summary>Makes <paramref name="name"/> resolve to <paramref name="address"/> for pebble's validator (challtestsrv's A record).</summary>
    public async Task PointAsync(string name, string address) =>
        (await Run.Async("curl", ["-fsS", "-X", "POST", "-d", $$"""{"host":"{{name}}","addresses":["{{address}}"]}""", Env["PEBBLE_DNS"] + "/add-a"]))
            .EnsureSuccess($"pointing {name} at {address}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Run.Async(Path.Combine(RepoLayout.Scripts, "pebble.sh"), ["stop", dir]);
        Directory.Delete(dir, recursive: true);
    }
}
