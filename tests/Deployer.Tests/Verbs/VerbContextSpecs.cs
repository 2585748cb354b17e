using Nap.Deployer.Tests.Support;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Verbs;

public sealed class VerbContextSpecs
{
    static VerbContext Context(params string[] args) => new(new NapRequest("config:set", args, "alice"), Caller.Root, new RecordingReply());

    [Fact]
    public void Env_is_taken_out_of_the_arguments_as_json_is()
    {
        var context = Context("shop", "--env", "staging", "A=1", "--json");

        Assert.Equal(["shop", "A=1"], context.Args);
        Assert.Equal("staging", context.Env);
        Assert.True(context.Json);
    }

    [Fact]
    public void Env_may_be_written_with_an_equals_sign() =>
        Assert.Equal(("staging", 1), (Context("shop", "--env=staging").Env, Context("shop", "--env=staging").Args.Count));

    [Fact]
    public void No_env_means_production_and_an_env_without_value_is_empty_for_the_gate_to_refuse()
    {
        Assert.Null(Context("shop").Env);
        Assert.Equal("", Context("shop", "--env").Env);
    }
}
