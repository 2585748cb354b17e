namespace Nap.UnitGen.Tests.Parsing;

public class BuildStepSpecs
{
    private static Model.BuildStep Step(string line, string prelude = "") =>
        Dockerfile.ParseStages($"FROM alpine AS build\nFROM alpine\n{prelude}{line}\n")[^1].Steps.Single();

    [Fact]
    public void I_can_read_copy_flags()
    {
        var step = Step("COPY --from=build --chown=app:app --chmod=0755 --link --parents --exclude=*.md --exclude=tests . /app/");

        Assert.Equal(
            [new("from", "build"), new("chown", "app:app"), new("chmod", "0755"), new("link", "true"), new("parents", "true"), new("exclude", "*.md"), new("exclude", "tests")],
            step.Flags);
        Assert.Equal(". /app/", step.Arguments);
        Assert.Equal("build", step.Flag("from"));
    }

    [Fact]
    public void I_can_read_add_flags()
    {
        var step = Step("ADD --checksum=sha256:abc --keep-git-dir=false --link=true --chmod=644 https://example.com/a.tar.gz /opt/");

        Assert.Equal([new("checksum", "sha256:abc"), new("keep-git-dir", "false"), new("link", "true"), new("chmod", "644")], step.Flags);
    }

    [Fact]
    public void I_can_read_run_flags()
    {
        var step = Step("RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm --network=none --security=sandbox make");

        Assert.Equal([new("mount", "type=cache,target=/root/.cache"), new("mount", "type=secret,id=npm"), new("network", "none"), new("security", "sandbox")], step.Flags);
        Assert.Equal("make", step.Arguments);
    }

    [Fact]
    public void Copy_flags_are_substituted_and_run_flags_are_not()
    {
        Assert.Equal("1000:1000", Step("COPY --chown=$UID:$UID . /app", "ARG UID=1000\n").Flag("chown"));
        Assert.Equal("type=cache,target=$DIR", Step("RUN --mount=type=cache,target=$DIR make", "ARG DIR=/c\n").Flag("mount"));
    }

    [Fact]
    public void Copy_sources_and_destination_are_substituted()
    {
        var step = Step("COPY ${SRC}/bin $SRC/etc/* /opt/$SRC/", "ARG SRC=dist\n");

        Assert.Equal(["dist/bin", "dist/etc/*"], step.Sources);
        Assert.Equal("/opt/dist/", step.Destination);
        Assert.Equal("${SRC}/bin $SRC/etc/* /opt/$SRC/", step.Arguments);
    }

    [Fact]
    public void A_heredoc_source_is_not_substituted() =>
        Assert.Equal(["<<EOF"], Dockerfile.ParseStages("FROM alpine\nCOPY <<EOF /$X\nhi $X\nEOF\n")[^1].Steps.Single().Sources);

    [Fact]
    public void A_run_has_no_sources_or_destination()
    {
        var step = Step("RUN make");

        Assert.Empty(step.Sources);
        Assert.Null(step.Destination);
    }

    [Fact]
    public void A_quoted_flag_value_may_hold_spaces() =>
        Assert.Equal("a b", Step("COPY --exclude=\"a b\" . /app").Flag("exclude"));

    [Fact]
    public void An_exec_form_copy_keeps_its_array() =>
        Assert.Equal(["my file.txt", "/app/"], Step("COPY [\"my file.txt\", \"/app/\"]").ExecForm);

    [Fact]
    public void Steps_keep_their_line_and_order()
    {
        var steps = Dockerfile.ParseStages("FROM alpine\nWORKDIR /app\nCOPY . .\nRUN make\nADD x.tgz /opt\n")[^1].Steps;

        Assert.Equal([("COPY", 3), ("RUN", 4), ("ADD", 5)], steps.Select(s => (s.Instruction, s.Line)));
    }

    [Fact]
    public void Every_image_or_stage_a_stage_names_is_kept_as_written_and_as_substituted()
    {
        var stages = Dockerfile.ParseStages("""
            ARG BASE=alpine
            FROM $BASE AS build
            FROM build
            ENV SRC=build
            COPY --from=$SRC /a /a
            RUN --mount=type=cache,target=/c --mount='type=bind,"from=build",target=/b' --mount=FROM=${SRC},target=/d true
            """);

        Assert.Equal([(2, "FROM", "", "$BASE,alpine")], stages[0].References.Select(r => (r.Line, r.Instruction, r.Flag, string.Join(',', r.Readings))));
        Assert.Equal(
            [("FROM", "", "build"), ("COPY", "--from", "$SRC,build"), ("RUN", "--mount from", "build"), ("RUN", "--mount from", "${SRC},build")],
            stages[1].References.Select(r => (r.Instruction, r.Flag, string.Join(',', r.Readings))));
        Assert.Equal([3, 5, 6, 6], stages[1].References.Select(r => r.Line));
    }

    [Fact]
    public void A_reading_of_a_mount_notes_no_variable_the_image_would_define()
    {
        var config = Dockerfile.Parse("FROM alpine\nRUN --mount=from=$UNSET,target=/x true\n");

        Assert.Empty(config.UnresolvedVariables);
    }

    [Theory]
    [InlineData("COPY --form=build . /app", "COPY: unknown flag --form; it takes --from, --chown, --chmod, --link, --parents, --exclude")]
    [InlineData("COPY --from . /app", "COPY: --from needs a value: --from=VALUE")]
    [InlineData("COPY --link=maybe . /app", "COPY: --link takes true or false, not \"maybe\"")]
    [InlineData("COPY --from=a --from=b . /app", "COPY: --from is given twice; keep one")]
    [InlineData("COPY app.js", "COPY: needs a source and a destination, e.g. COPY . /app")]
    [InlineData("ADD --from=build x /y", "ADD: unknown flag --from; it takes --chown, --chmod, --link, --keep-git-dir, --checksum, --exclude, --unpack")]
    [InlineData("RUN --network=bridge make", "RUN: --network=\"bridge\" is not one of default, none")]
    [InlineData("RUN --security=privileged make", "RUN: --security=\"privileged\" is not sandbox, the one mode nap builds with")]
    [InlineData("RUN --mount=type=nfs,target=/x make", "RUN: --mount type \"nfs\" is not one of bind, cache, tmpfs, secret, ssh")]
    [InlineData("RUN", "RUN: needs arguments, e.g. RUN make install")]
    [InlineData("ENV --x=1 A=1", "ENV: unknown flag --x; this instruction takes no flags")]
    public void I_get_an_error_for_a_bad_step(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\n"));

        Assert.Equal("Dockerfile:2: " + message, error.Message);
    }

    [Theory]
    [InlineData("RUN --network=host curl http://127.0.0.1:8099/", "--network=host would give this step the host's network")]
    [InlineData("RUN --network=\"host\" make", "--network=host would give this step the host's network")]
    [InlineData("RUN --security=insecure make", "--security=insecure would run this step with the host's privileges")]
    [InlineData("RUN --mount=type=cache,target=/c --security=insecure make", "--security=insecure would run this step with the host's privileges")]
    public void A_step_that_would_leave_the_build_sandbox_is_refused_with_its_line(string line, string reason)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\nWORKDIR /app\n\n{line}\nCMD [\"app\"]\n"));

        Assert.Equal(4, error.Line);
        Assert.StartsWith($"Dockerfile:4: RUN: {reason}", error.Message);
        Assert.EndsWith("remove the flag", error.Message);
    }

    [Fact]
    public void A_step_that_would_leave_the_sandbox_inside_onbuild_is_refused_where_it_is_written()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.ParseStages("FROM alpine AS base\nONBUILD RUN --network=host make\nFROM base\n"));

        Assert.Equal(2, error.Line);
    }
}
