namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile revisions of a running app: whatever the pushed Dockerfile does wrong, the push is
/// rejected with a message saying what, the branch keeps the running revision, and the running release serves.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileDockerfileSpecs(NapHost host)
{
    const string App = "hostile-df";
    const string Good = "FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\n";

    async Task RejectedAsync(string dockerfile, string reason, params string[] alsoSaid)
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();

        var push = await app.PushDockerfileAsync(dockerfile);

        await app.AssertRejectedAsync(push, reason, before);
        foreach (var said in alsoSaid)
            Assert.True(push.Stderr.Contains(said, StringComparison.Ordinal), $"no '{said}' in:\n{push}");
    }

    [Fact]
    public async Task A_revision_without_a_Dockerfile_is_rejected()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        File.Delete(app.Tree.File("Dockerfile"));
        await app.Tree.CommitAsync("no Dockerfile");

        var push = await app.Tree.PushAsync(App);

        await app.AssertRejectedAsync(push, "no Dockerfile at the top of the pushed revision", before);
    }

    [Fact]
    public async Task A_Dockerfile_only_in_a_subdirectory_is_rejected()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        Directory.CreateDirectory(app.Tree.File("web"));
        File.Move(app.Tree.File("Dockerfile"), app.Tree.File("web/Dockerfile"));
        await app.Tree.CommitAsync("Dockerfile moved");

        var push = await app.Tree.PushAsync(App);

        await app.AssertRejectedAsync(push, "no Dockerfile at the top of the pushed revision", before);
    }

    [Fact]
    public async Task An_empty_Dockerfile_is_rejected() =>
        await RejectedAsync("", "Dockerfile:");

    [Fact]
    public async Task An_unknown_instruction_is_rejected_with_its_line_number() =>
        await RejectedAsync(Good + "RUNN echo hi\n", "Dockerfile:4: RUNN: unknown instruction");

    [Fact]
    public async Task An_instruction_before_FROM_is_rejected_with_its_line_number() =>
        await RejectedAsync("COPY www /www\n" + Good, "Dockerfile:1:");

    [Fact]
    public async Task An_EXPOSE_of_no_port_is_rejected_with_its_line_number() =>
        await RejectedAsync("FROM local/busybox:latest\nCOPY www /www\nEXPOSE eighty\n", "Dockerfile:3: EXPOSE");

    [Fact]
    public async Task A_garbage_STOPSIGNAL_is_rejected_with_its_line_number() =>
        await RejectedAsync(Good + "STOPSIGNAL SIGNOPE;rm\n", "Dockerfile:4: STOPSIGNAL");

    [Fact]
    public async Task A_FROM_image_that_does_not_exist_is_rejected_as_a_failed_build() =>
        await RejectedAsync("FROM local/no-such-image:latest\nCOPY www /www\nEXPOSE 8080\n", "the build failed");

    [Fact]
    public async Task A_CMD_that_exits_at_once_is_rejected_with_its_exit_status_without_waiting_for_restarts() =>
        await RejectedAsync(Good + "CMD [\"/bin/false\"]\n", "is not healthy: its container exited with status 1;");

    [Fact]
    public async Task A_CMD_the_image_does_not_have_is_rejected_saying_so() =>
        await RejectedAsync(Good + "CMD [\"/bin/no-such-server\"]\n", "its container exited with status 127 (its command was not found in the image)");

    [Fact]
    public async Task A_container_that_never_listens_is_rejected_saying_which_port_its_app_must_listen_on() =>
        await RejectedAsync("FROM local/busybox:latest\nEXPOSE 8080\nCMD [\"/bin/sleep\", \"3600\"]\n",
            "not healthy within 60 s: GET / on 127.0.0.1:", "; the app must listen on port 8080 ($PORT) on every address of its container (0.0.0.0, not 127.0.0.1)");

    [Fact]
    public async Task A_HEALTHCHECK_that_always_fails_is_rejected_as_unhealthy() =>
        await RejectedAsync(Good + "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD [\"/bin/false\"]\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n", "is not healthy");

    /// <summary>
    /// Deploys the hello app as <paramref name="app"/> with <paramref name="values"/> (instructions) in its Dockerfile,
    /// checks its units pass systemd-analyze and hold no trace of /tmp/hostile-*, that nothing made such a file,
    /// and returns the running container's config as docker inspect shows it (Env, Labels, Mounts as JSON).
    /// </summary>
    async Task<string> DeployedConfigAsync(string app, string values)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(tree.File("Dockerfile"),
            "FROM local/busybox:latest\nCOPY www /www\n" + values + "EXPOSE 8080\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        await tree.CommitAsync("tricky values");

        await tree.DeployHelloAsync(app);

        var units = $"/etc/systemd/system/nap-{app}-build.service /etc/systemd/system/nap-{app}@.service";
        var verify = await host.Exec("sh", "-c", "systemd-analyze verify " + units);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.DoesNotContain("/tmp/hostile", (await host.Exec("sh", "-c", "cat " + units)).Stdout);
        Assert.Equal("", (await host.Exec("sh", "-c", "ls /tmp/hostile-pwned /tmp/hostile-lf /tmp/hostile-cr 2>/dev/null || true")).Stdout.Trim());
        var container = (await host.Exec("sh", "-c", $"docker ps --filter label=nap.app={app} --format '{{{{.Names}}}}' | head -n1")).Stdout.Trim();
        return (await host.Exec("docker", "inspect", "--format", "{{json .Config.Env}} {{json .Config.Labels}} {{json .Mounts}}", container)).Stdout;
    }

    [Fact]
    public async Task Percent_quotes_and_dollars_in_ENV_and_LABEL_stay_inside_their_values()
    {
        var config = await DeployedConfigAsync("hostile-env",
            "ENV GREETING=\"100% \\\"quoted\\\" \\$HOME %i ;x\"\n"
            + "LABEL note=\"50% off\\nExecStartPre=/bin/touch /tmp/hostile-pwned\"\n");

        Assert.Contains("GREETING=100% \\\"quoted\\\" $HOME %i ;x", config);
    }

    [Fact]
    public async Task Newlines_and_carriage_returns_in_ENV_and_LABEL_stay_inside_their_values()
    {
        // A line feed cannot be in a value (a Dockerfile line ends there; `\` + newline joins lines, and `\n` stays
        // two characters, as docker does), but a bare carriage return can, and $CR carries it into a VOLUME path,
        // which reaches the run unit.
        var config = await DeployedConfigAsync("hostile-nl",
            "ENV ESCAPED=\"x\\ny\" CR=\"carriage\rreturn\" JOINED=\"first \\\nsecond\"\n"
            + "LABEL note=\"line1\\nExecStartPre=/bin/touch /tmp/hostile-lf\" cr=\"a\rExecStartPre=/bin/touch /tmp/hostile-cr\"\n"
            + "VOLUME /v/$CR\n");

        Assert.Contains("\"ESCAPED=x\\\\ny\"", config);
        Assert.Contains("\"CR=carriage\\rreturn\"", config);
        Assert.Contains("\"JOINED=first second\"", config);
        Assert.Contains("\"note\":\"line1\\\\nExecStartPre=/bin/touch /tmp/hostile-lf\"", config);
        Assert.Contains("\"cr\":\"a\\rExecStartPre=/bin/touch /tmp/hostile-cr\"", config);
        Assert.Contains("\"Destination\":\"/v/carriage\\rreturn\"", config);
    }
}
