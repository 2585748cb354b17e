using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class OnBuildSpecs
{
    [Fact]
    public void Triggers_are_kept_and_not_executed()
    {
        var config = Dockerfile.Parse("FROM node:20\nONBUILD COPY package.json /app/\nONBUILD RUN npm ci\nONBUILD ENV NODE_ENV=production\n");

        Assert.Equal(["COPY package.json /app/", "RUN npm ci", "ENV NODE_ENV=production"], config.OnBuild);
        Assert.Empty(config.Env);
    }

    [Fact]
    public void The_trigger_is_parsed_as_an_instruction()
    {
        var trigger = DockerfileParser.Parse("FROM alpine\nonbuild copy --chown=app . /app\n").Instructions[1].Trigger;

        Assert.NotNull(trigger);
        Assert.Equal(("COPY", ". /app"), (trigger.Name, trigger.Arguments));
        Assert.Equal([new InstructionFlag("chown", "app")], trigger.Flags);
    }

    [Fact]
    public void A_stage_built_from_an_onbuild_stage_runs_the_triggers_first_and_drops_them()
    {
        var stage = Dockerfile.ParseStages("FROM alpine AS base\nONBUILD ENV X=1\nONBUILD RUN make\nFROM base\nENV Y=$X\n")[^1];

        Assert.Empty(stage.Config.OnBuild);
        Assert.Equal([new("X", "1"), new("Y", "1")], stage.Config.Env);
        Assert.Equal(("RUN", "make", 3), (stage.Steps.Single().Instruction, stage.Steps.Single().Arguments, stage.Steps.Single().Line));
    }

    [Fact]
    public void A_failing_trigger_is_reported_at_its_onbuild_line()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine AS base\nONBUILD LABEL x=${Y\nFROM base\n"));

        Assert.Equal("Dockerfile:2: LABEL: syntax error: missing '}'", error.Message);
    }

    [Theory]
    [InlineData("ONBUILD ONBUILD RUN x", "ONBUILD: chaining ONBUILD via ONBUILD ONBUILD isn't allowed; register the inner instruction directly")]
    [InlineData("ONBUILD FROM alpine", "ONBUILD: FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD MAINTAINER me", "ONBUILD: MAINTAINER isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD", "ONBUILD: needs an instruction to register, e.g. ONBUILD RUN make")]
    [InlineData("ONBUILD RUNN make", "RUNN: unknown instruction; did you mean RUN?")]
    public void I_get_an_error_for_a_bad_trigger(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\n"));

        Assert.Equal("Dockerfile:2: " + message, error.Message);
    }
}
