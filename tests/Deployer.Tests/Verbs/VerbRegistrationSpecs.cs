using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Tests.Verbs;

public sealed class VerbRegistrationSpecs
{
    sealed class ProbeVerb : IVerbHandler
    {
        public string Verb => "test:probe";

        public Task<int> HandleAsync(VerbContext context, CancellationToken ct) => Task.FromResult(0);
    }

    [Fact]
    public void A_verb_that_another_verb_runs_is_the_same_instance_napd_serves()
    {
        var services = new ServiceCollection();
        services.AddFeature().Verb<ProbeVerb>();
        using var provider = services.BuildServiceProvider();

        var served = Assert.Single(provider.GetServices<IVerbHandler>());

        Assert.Same(provider.GetRequiredService<ProbeVerb>(), served);
    }
}
