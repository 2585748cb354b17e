using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Server;
using Nap.Deployer.Tests.Support;
using Nap.Deployer.Unix;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Server;

public sealed class SocketServerSpecs
{
    [Fact]
    public async Task Help_lists_every_verb_over_the_socket()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Alice, "help");

        Assert.Equal(0, answer.Code);
        foreach (var verb in Nap.Protocol.Verbs.All)
            Assert.Contains(verb.Usage, answer.Out);
    }

    [Fact]
    public async Task The_socket_is_read_write_for_owner_and_group_only()
    {
        await using var napd = await TestNapd.StartAsync();

        var mode = File.GetUnixFileMode(napd.Paths.Socket);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_at_start()
    {
        using var dir = new TestDir();
        var socketPath = Path.Combine(dir.Sub("run"), "napd.sock");
        File.WriteAllText(socketPath, "left by a crashed napd");

        using var listener = new SocketSetup(UnixAccounts.System).Listen(socketPath);
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));

        Assert.True(client.Connected);
    }

    [Fact]
    public async Task The_socket_path_appears_only_once_it_listens_and_a_half_made_one_from_a_crash_is_cleared()
    {
        using var dir = new TestDir();
        var socketPath = Path.Combine(dir.Sub("run"), "napd.sock");
        File.WriteAllText(socketPath + ".new", "left by a napd that died between bind and rename");

        using var listener = new SocketSetup(UnixAccounts.System).Listen(socketPath);

        // Bound under another name and renamed once listening: whoever sees the path can connect.
        Assert.Equal(["napd.sock"], Directory.GetFileSystemEntries(Path.GetDirectoryName(socketPath)!).Select(Path.GetFileName));
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task An_unknown_verb_gets_one_line_of_reason_and_the_short_help()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Alice, "frobnicate", "x");

        Assert.Equal(1, answer.Code);
        Assert.StartsWith("napd: unknown command 'frobnicate'\n", answer.Err);
        Assert.Contains("Usage: git push nap@HOST:APP master", answer.Err);
    }

    [Fact]
    public async Task A_failing_verb_answers_one_line_and_exit_code_1()
    {
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IVerbHandler>(new FailingVerb()));

        var answer = await napd.SendAsync(Keys.Alice, FailingVerb.Name);

        Assert.Equal(1, answer.Code);
        Assert.Equal($"napd: {FailingVerb.Name} failed: disk full on line one line two (see 'journalctl -u napd' on the host)\n", answer.Err);
    }

    [Fact]
    public async Task A_key_missing_from_authorized_keys_is_refused()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync("mallory", "help");

        Assert.Equal(1, answer.Code);
        Assert.StartsWith("napd: no key named 'mallory'", answer.Err);
        Assert.Empty(answer.Out);
    }

    [Fact]
    public async Task A_key_removed_from_authorized_keys_is_refused_without_restarting_napd()
    {
        await using var napd = await TestNapd.StartAsync();
        Assert.Equal(0, (await napd.SendAsync(Keys.Carol, "help")).Code);

        File.WriteAllText(napd.Paths.AuthorizedKeys, Keys.Line("/usr/local/bin/nap-receive", Keys.Alice, admin: false));
        File.SetLastWriteTimeUtc(napd.Paths.AuthorizedKeys, DateTime.UtcNow.AddSeconds(5));

        Assert.Equal(1, (await napd.SendAsync(Keys.Carol, "help")).Code);
    }

    [Fact]
    public async Task A_key_registered_as_root_does_not_become_the_hosts_root()
    {
        await using var napd = await TestNapd.StartAsync();
        File.AppendAllText(napd.Paths.AuthorizedKeys, Keys.Line("/usr/local/bin/nap-receive", Caller.RootKey, admin: false));

        var answer = await napd.SendAsync(Caller.RootKey, "apps");

        Assert.Equal(1, answer.Code);
        Assert.Contains("the key name 'root' is reserved", answer.Err);
    }

    [Fact]
    public async Task A_peer_that_is_neither_root_nor_the_nap_user_is_refused()
    {
        await using var napd = await TestNapd.StartAsync(policy: new PeerPolicy(RootUid: null, NapUid: TestNapd.OwnUid() + 4242));

        var answer = await napd.SendAsync(Keys.Boss, "help");

        Assert.Equal(1, answer.Code);
        Assert.Contains($"uid {TestNapd.OwnUid()} may not use napd", answer.Err);
    }

    [Fact]
    public async Task Root_acts_as_the_admin_key_root_whatever_key_it_names()
    {
        var caller = new CallerProbe();
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IVerbHandler>(caller), policy: new PeerPolicy(RootUid: TestNapd.OwnUid(), NapUid: null));

        var answer = await napd.SendAsync("nobody-known", CallerProbe.Name);

        Assert.Equal(0, answer.Code);
        Assert.Equal(Caller.Root, caller.Seen);
    }

    [Fact]
    public async Task A_request_that_is_not_json_gets_exit_code_2()
    {
        await using var napd = await TestNapd.StartAsync();

        var (code, text) = await RawAsync(napd.Paths.Socket, "this is not json\n");

        Assert.Equal(2, code);
        Assert.Contains("not valid JSON", text);
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_refused_before_parsing()
    {
        await using var napd = await TestNapd.StartAsync();

        var (code, text) = await RawAsync(napd.Paths.Socket, new string('x', Framing.MaxLineBytes + 10) + "\n");

        Assert.Equal(2, code);
        Assert.Contains($"longer than {Framing.MaxLineBytes} bytes", text);
    }

    [Fact]
    public async Task A_client_that_hangs_up_cancels_its_request()
    {
        var blocker = new BlockingVerb();
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IVerbHandler>(blocker));
        using var client = new CancellationTokenSource();

        var request = napd.SendAsync(new NapRequest(BlockingVerb.Name, [], Keys.Alice), client.Token);
        await blocker.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        client.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.True(await blocker.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Lines_reach_the_client_while_the_verb_is_still_running()
    {
        var blocker = new BlockingVerb();
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IVerbHandler>(blocker));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(napd.Paths.Socket));
        await using var stream = new NetworkStream(socket);
        await Framing.WriteLineAsync(stream, Framing.Encode(new NapRequest(BlockingVerb.Name, [], Keys.Alice)), default);

        using var reader = new StreamReader(stream);
        var first = Framing.DecodeReply((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);

        Assert.Equal(NapReply.Out("blocking"), first);
        Assert.False(blocker.Cancelled.Task.IsCompleted);
    }

    static async Task<(int Code, string Text)> RawAsync(string socketPath, string payload)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket);
        var text = new StringBuilder();
        var sending = stream.WriteAsync(Encoding.UTF8.GetBytes(payload)).AsTask();
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            var reply = Framing.DecodeReply(line)!;
            if (reply.Kind == ReplyKind.Exit)
                return (reply.Code, text.ToString());
            text.AppendLine(reply.Text);
        }

        throw new InvalidOperationException("napd hung up without an exit code");
    }

    sealed class CallerProbe : IVerbHandler
    {
        public const string Name = "test:whoami";
        public Caller? Seen { get; private set; }
        public string Verb => Name;

        public Task<int> HandleAsync(VerbContext context, CancellationToken ct)
        {
            Seen = context.Caller;
            return Task.FromResult(0);
        }
    }

    sealed class FailingVerb : IVerbHandler
    {
        public const string Name = "test:fail";
        public string Verb => Name;

        public Task<int> HandleAsync(VerbContext context, CancellationToken ct) =>
            throw new IOException("disk full on line one\nline two");
    }

    sealed class BlockingVerb : IVerbHandler
    {
        public const string Name = "test:block";
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Verb => Name;

        public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
        {
            await context.Reply.OutAsync("blocking");
            Started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            }
            catch (OperationCanceledException)
            {
                Cancelled.SetResult(true);
                throw;
            }
        }
    }
}
