using System.Diagnostics;
using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>When the client leaves, nap-receive hangs up on napd (a fake one here), so napd can cancel.</summary>
public sealed class ClientGoneSpecs : IDisposable
{
    readonly TempDir dir = new();

    [Theory]
    [InlineData("hook pre-receive", "")]
    [InlineData("--key alice", "logs myapp -f")]
    public async Task When_the_client_goes_away_during_a_silent_step_nap_receive_hangs_up_on_napd(string args, string command)
    {
        var hungUp = new TaskCompletionSource();
        await using var napd = new FakeNapd(new NapPaths("", "", dir.Path).Socket, async (_, connection) =>
        {
            await connection.SendAsync(NapReply.Out("-----> Building myapp"));
            // Silence: nap-receive must notice the client left without writing anything.
            await connection.HungUp.WaitAsync(TimeSpan.FromSeconds(20));
            hungUp.SetResult();
        });
        var info = new ProcessStartInfo(NapReceiveBinary.Path, args.Split(' '))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["NAP_RUNTIME_DIR"] = dir.Path, ["NAP_APP"] = "myapp", ["NAP_KEY"] = "alice", ["SSH_ORIGINAL_COMMAND"] = command },
        };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync("1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 refs/heads/master");
        process.StandardInput.Close();
        Assert.Equal("-----> Building myapp", await process.StandardOutput.ReadLineAsync());

        // What the client leaving looks like from here: stdout and stderr lose their reader.
        process.StandardOutput.Close();
        process.StandardError.Close();

        await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, process.ExitCode);
    }

    public void Dispose() => dir.Dispose();
}
