using Nap.Protocol;

namespace Nap.Cli.Tests;

public sealed class KeysSpecs : IDisposable
{
    readonly KeysFixture _keys = new();
    readonly StringWriter _stderr = new();

    [Fact]
    public async Task I_can_add_a_key_and_it_becomes_a_forced_command_line()
    {
        var key = await _keys.NewPublicKey();

        var result = await _keys.Nap(key, "add", "alice");

        Assert.Equal(0, result.ExitCode);
        var blob = string.Join(' ', key.Split(' ')[..2]);
        Assert.Equal([$"command=\"/usr/local/bin/nap-receive --key alice\",restrict {blob} alice"], _keys.Lines);
    }

    [Fact]
    public async Task A_new_key_runs_the_nap_receive_napd_json_names_and_napd_reads_it_back()
    {
        File.WriteAllText(_keys.Paths.ConfigFile, """{ "receiveBinary": "/opt/nap/bin/nap-receive" }""");

        await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");

        Assert.StartsWith("command=\"/opt/nap/bin/nap-receive --key alice\",restrict ssh-ed25519 ", _keys.Lines.Single());
        Assert.Equal("alice", AuthorizedKeyLine.Parse(_keys.Lines.Single())?.Name);
    }

    [Fact]
    public async Task A_receive_binary_that_cannot_be_a_forced_command_adds_no_key()
    {
        File.WriteAllText(_keys.Paths.ConfigFile, """{ "receiveBinary": "/opt/my nap/nap-receive" }""");

        var result = await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'receiveBinary' must be an absolute path", result.Stderr);
        Assert.Empty(_keys.Lines);
    }

    [Fact]
    public async Task I_can_add_an_admin_key()
    {
        var key = await _keys.NewPublicKey();

        await _keys.Nap(key, "add", "root-laptop", "--admin");

        Assert.StartsWith("command=\"/usr/local/bin/nap-receive --key root-laptop --admin\",restrict ssh-ed25519 AAAA", _keys.Lines.Single());
    }

    [Fact]
    public async Task I_see_the_same_fingerprint_as_ssh_keygen_shows()
    {
        var key = await _keys.NewPublicKey();
        await _keys.Nap(key, "add", "alice");

        var list = await _keys.Nap(null, "list");

        Assert.Equal($"alice                -      {await _keys.FingerprintOf(key)} ssh-ed25519", list.Stdout.Trim());
    }

    [Fact]
    public async Task I_can_list_the_keys_as_json()
    {
        var key = await _keys.NewPublicKey();
        await _keys.Nap(key, "add", "ops", "--admin");

        var list = await _keys.Nap(null, "list", "--json");

        Assert.Equal(
            $$"""[{"name":"ops","admin":true,"type":"ssh-ed25519","fingerprint":"{{await _keys.FingerprintOf(key)}}"}]""",
            list.Stdout.Trim());
    }

    [Fact]
    public async Task The_json_shows_fingerprints_as_they_are()
    {
        // A fixed key whose fingerprint has '+' and '/', which JSON encoders like to escape.
        await _keys.Nap("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO2cG/nLF/ja1eQQpL+dTB1UhnT9VwPbu2vrtAipNHI/ x", "add", "fixed");

        var list = await _keys.Nap(null, "list", "--json");

        Assert.Contains("\"fingerprint\":\"SHA256:oxV/PX+LRENTXP2UTsslJ1JFe9jnqbWYGrpl5+Ex3vc\"", list.Stdout);
    }

    [Theory]
    [InlineData("rsa", "2048")]
    [InlineData("ecdsa", "256")]
    [InlineData("ecdsa", "384")]
    [InlineData("ecdsa", "521")]
    public async Task I_can_add_rsa_and_ecdsa_keys(string type, string bits)
    {
        var key = await _keys.NewPublicKey(type, bits);

        var result = await _keys.Nap(key, "add", $"{type}{bits}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(key.Split(' ')[1], _keys.Lines.Single());
    }

    [Fact]
    public async Task I_can_remove_a_key_and_the_others_stay()
    {
        await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");
        await _keys.Nap(await _keys.NewPublicKey(), "add", "bob");

        var result = await _keys.Nap(null, "remove", "alice");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("removed key 'alice'", result.Stdout.Trim());
        Assert.Contains("--key bob\"", _keys.Lines.Single());
    }

    [Fact]
    public async Task I_cannot_remove_a_key_that_does_not_exist()
    {
        var result = await _keys.Nap(null, "remove", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nap keys: no key named 'nobody': see nap keys list", result.Stderr.Trim());
    }

    [Fact]
    public async Task I_cannot_add_the_same_key_twice_under_another_name()
    {
        var key = await _keys.NewPublicKey();
        await _keys.Nap(key, "add", "alice");

        // Same blob, different comment: the fingerprint is what counts.
        var result = await _keys.Nap(string.Join(' ', key.Split(' ')[..2]) + " other-comment", "add", "alice2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"nap keys: this key ({await _keys.FingerprintOf(key)}) is already registered as 'alice'", result.Stderr.Trim());
        Assert.Single(_keys.Lines);
    }

    [Fact]
    public async Task I_cannot_add_two_keys_under_one_name()
    {
        await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");

        var result = await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nap keys: a key named 'alice' already exists: remove it first or choose another name", result.Stderr.Trim());
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("-dash")]
    [InlineData("quote\"d")]
    [InlineData("")]
    public async Task I_cannot_add_a_key_under_a_bad_name(string name)
    {
        var result = await _keys.Nap(await _keys.NewPublicKey(), "add", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a valid key name", result.Stderr);
        Assert.Empty(_keys.Lines);
    }

    [Theory]
    [InlineData("", "no public key on stdin: nap keys add NAME < key.pub")]
    [InlineData("ssh-ed25519", "expected 'TYPE BASE64 [COMMENT]', as in a .pub file")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "key type 'ssh-dss' is not accepted")]
    [InlineData("ssh-ed25519 !!!notbase64!!!", "the key's base64 is damaged")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "the ssh-ed25519 key is malformed: it ends early")]
    [InlineData("ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7", "the ssh-ed25519 key is malformed: its blob says 'ssh-rsa'")]
    [InlineData("command=\"sh\" ssh-ed25519 AAAA", "key type 'command=\"sh\"' is not accepted")]
    public async Task I_cannot_add_a_malformed_key(string input, string reason)
    {
        var result = await _keys.Nap(input, "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("nap keys: " + reason, result.Stderr.Trim());
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Empty(_keys.Lines);
    }

    [Fact]
    public async Task I_cannot_add_a_key_with_a_damaged_blob_that_still_decodes()
    {
        var key = (await _keys.NewPublicKey()).Split(' ');
        var blob = Convert.FromBase64String(key[1]);
        var truncated = Convert.ToBase64String(blob[..^4]);

        var result = await _keys.Nap($"ssh-ed25519 {truncated}", "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nap keys: the ssh-ed25519 key is malformed: it ends early", result.Stderr.Trim());
    }

    [Fact]
    public async Task I_cannot_add_two_keys_at_once()
    {
        var two = await _keys.NewPublicKey() + "\n" + await _keys.NewPublicKey();

        var result = await _keys.Nap(two, "add", "alice");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nap keys: 2 lines on stdin: give exactly one public key", result.Stderr.Trim());
    }

    [Fact]
    public async Task The_file_is_replaced_whole_and_keeps_lines_nap_did_not_write()
    {
        File.WriteAllText(_keys.AuthorizedKeys, "# managed by nap keys\n");
        // A hard link keeps the old inode: if nap wrote in place, the link would see the new key too.
        var before = _keys.AuthorizedKeys + ".before";
        await CliWrap.Cli.Wrap("ln").WithArguments([_keys.AuthorizedKeys, before]).ExecuteAsync();

        await _keys.Nap(await _keys.NewPublicKey(), "add", "alice");

        Assert.Equal("# managed by nap keys\n", File.ReadAllText(before));
        Assert.Equal("# managed by nap keys", _keys.Lines[0]);
        Assert.Equal(2, _keys.Lines.Length);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(_keys.AuthorizedKeys));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_keys.AuthorizedKeys)!, "*.tmp"));
    }

    [Fact]
    public async Task I_am_told_in_one_line_when_the_file_cannot_be_written()
    {
        var nowhere = Path.Combine(_keys.AuthorizedKeys, "no-such-dir", "authorized_keys");

        var result = await KeysCommand.RunAsync(["add", "alice"], new StringReader(await _keys.NewPublicKey()), TextWriter.Null, _stderr, nowhere, ReceiveBinary.Default);

        Assert.Equal(1, result);
        Assert.StartsWith($"nap keys: cannot change {nowhere}: ", _stderr.ToString());
        Assert.EndsWith("(run it as root on the nap host)", _stderr.ToString().Trim());
        Assert.Single(_stderr.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task Listing_no_keys_says_how_to_add_one()
    {
        var result = await _keys.Nap(null, "list");

        Assert.Equal("no keys yet: nap keys add NAME < key.pub", result.Stdout.Trim());
    }

    [Fact]
    public async Task Unknown_arguments_are_a_usage_error()
    {
        var result = await _keys.Nap(null, "rotate", "alice");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("nap keys: unknown arguments 'rotate alice': run 'nap keys --help'", result.Stderr.Trim());
    }

    public void Dispose() => _keys.Dispose();
}
