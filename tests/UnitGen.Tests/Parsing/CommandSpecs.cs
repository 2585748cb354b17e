namespace Nap.UnitGen.Tests.Parsing;

public class CommandSpecs
{
    private static Model.ImageConfig Parse(string body) => Dockerfile.Parse("FROM alpine\n" + body);

    [Fact]
    public void An_exec_form_cmd_alone_is_the_command() =>
        Assert.Equal(["node", "server.js"], Parse("CMD [\"node\", \"server.js\"]\n").Command);

    [Fact]
    public void A_shell_form_cmd_runs_in_the_shell() =>
        Assert.Equal(["/bin/sh", "-c", "node server.js --port $PORT"], Parse("CMD node server.js --port $PORT\n").Command);

    [Fact]
    public void An_exec_entrypoint_gets_cmd_appended()
    {
        var config = Parse("ENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"postgres\", \"-c\", \"fsync=off\"]\n");

        Assert.Equal(["/docker-entrypoint.sh", "postgres", "-c", "fsync=off"], config.Command);
        Assert.Equal(["/docker-entrypoint.sh"], config.Entrypoint);
        Assert.Equal(["postgres", "-c", "fsync=off"], config.Cmd);
    }

    [Fact]
    public void An_exec_entrypoint_gets_a_shell_form_cmd_appended() =>
        Assert.Equal(["tini", "--", "/bin/sh", "-c", "run.sh"], Parse("ENTRYPOINT [\"tini\", \"--\"]\nCMD run.sh\n").Command);

    [Fact]
    public void A_shell_form_entrypoint_ignores_cmd()
    {
        var config = Parse("ENTRYPOINT exec java -jar /app.jar\nCMD [\"--debug\"]\n");

        Assert.Equal(["/bin/sh", "-c", "exec java -jar /app.jar"], config.Command);
        Assert.True(config.EntrypointIsShellForm);
    }

    [Fact]
    public void An_entrypoint_keeps_a_cmd_set_earlier_in_its_stage() =>
        Assert.Equal(["app", "--serve"], Parse("CMD [\"--serve\"]\nENTRYPOINT [\"app\"]\n").Command);

    [Fact]
    public void An_entrypoint_in_a_later_stage_resets_the_inherited_cmd()
    {
        var config = Dockerfile.Parse("FROM alpine AS base\nCMD [\"--serve\"]\nFROM base\nENTRYPOINT [\"app\"]\n");

        Assert.Equal(["app"], config.Command);
        Assert.Empty(config.Cmd);
    }

    [Fact]
    public void A_later_cmd_replaces_an_earlier_one() =>
        Assert.Equal(["b"], Parse("CMD [\"a\"]\nCMD [\"b\"]\n").Command);

    [Fact]
    public void An_empty_exec_form_clears_the_command() =>
        Assert.Empty(Parse("CMD [\"a\"]\nCMD []\n").Command);

    [Fact]
    public void No_cmd_and_no_entrypoint_give_an_empty_command() =>
        Assert.Empty(Parse("RUN true\n").Command);

    [Fact]
    public void Shell_changes_the_shell_form()
    {
        var config = Parse("SHELL [\"/bin/bash\", \"-euo\", \"pipefail\", \"-c\"]\nCMD echo hi\n");

        Assert.Equal(["/bin/bash", "-euo", "pipefail", "-c", "echo hi"], config.Command);
        Assert.Equal(["/bin/bash", "-euo", "pipefail", "-c"], config.Shell);
    }

    [Fact]
    public void Json_strings_keep_their_escapes_decoded() =>
        Assert.Equal(["printf", "a\nb\t\"c\" \\ %d $HOME"], Parse("CMD [\"printf\", \"a\\nb\\t\\\"c\\\" \\\\ %d $HOME\"]\n").Command);

    [Fact]
    public void A_run_that_starts_with_a_bracket_test_is_a_shell_command()
    {
        var stage = Dockerfile.ParseStages("FROM alpine\nRUN [ -f /etc/os-release ] && echo ok\n")[^1];

        Assert.Null(stage.Steps.Single().ExecForm);
    }

    [Fact]
    public void A_healthcheck_may_be_a_bracket_test() =>
        Assert.Equal(["CMD-SHELL", "[ -f /tmp/healthy ]"], Parse("HEALTHCHECK CMD [ -f /tmp/healthy ]\n").HealthCheck!.Test);

    [Theory]
    [InlineData("RUN ['make', 'install']", "RUN: ['make', 'install'] is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]")]
    [InlineData("HEALTHCHECK CMD ['curl', '-f', 'localhost']", "HEALTHCHECK: ['curl', '-f', 'localhost'] is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]")]
    [InlineData("CMD ['node', 'app.js']", "CMD: ['node', 'app.js'] is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]")]
    [InlineData("ENTRYPOINT [\"a\",]", "ENTRYPOINT: [\"a\",] is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]")]
    [InlineData("CMD [\"sleep\", 10]", "CMD: a JSON array must hold strings only, e.g. [\"/bin/app\", \"--port\", \"80\"]")]
    [InlineData("SHELL /bin/bash -c", "SHELL: needs a JSON array, e.g. SHELL [\"/bin/bash\", \"-c\"]")]
    [InlineData("CMD", "CMD: needs a command, e.g. CMD [\"/app/server\"]")]
    [InlineData("CMD --help", "CMD: unknown flag --help; this instruction takes no flags")]
    public void I_get_an_error_for_a_bad_command(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Parse(line + "\n"));

        Assert.Equal("Dockerfile:2: " + message, error.Message);
    }
}
