using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>Where a release's tasks may run: the Dockerfile's LABEL nap.constraint, constraint options, fleet's metadata.</summary>
public class SwarmPlacementSpecs
{
    static SwarmService Render(string? label = null, UnitOptions? options = null) =>
        UnitRenderer.RenderSwarm(
            label is null ? Images.Web : Images.Web.WithLabels([new("nap.constraint", label)]),
            options ?? Images.Options() with { Flavor = UnitFlavor.Swarm, Release = 1 });

    [Fact]
    public void LABEL_nap_constraint_holds_constraints_separated_by_semicolons()
    {
        var service = Render("node.labels.region==eu; node.platform.arch!=aarch64;;node.hostname==web-1 ");

        Assert.Equal(["node.labels.region==eu", "node.platform.arch!=aarch64", "node.hostname==web-1"], service.Constraints);
        Assert.Equal(["node.labels.region==eu", "node.platform.arch!=aarch64", "node.hostname==web-1"], SwarmCommand.Arguments(service).ValuesOf("--constraint"));
    }

    [Fact]
    public void The_last_LABEL_nap_constraint_wins_as_docker_keeps_the_last_value_of_a_label()
    {
        var image = Images.Web.WithLabels([new("nap.constraint", "node.labels.a==1"), new("nap.constraint", "node.labels.b==2")]);

        Assert.Equal(["node.labels.b==2"], UnitRenderer.RenderSwarm(image, Images.Options() with { Flavor = UnitFlavor.Swarm }).Constraints);
    }

    [Fact]
    public void Fleets_machine_metadata_is_a_node_label_constraint()
    {
        var service = Render("node.role==worker", Images.Options() with { MachineMetadata = ["region=eu", "disk=ssd"], Constraints = ["node.labels.rack==r1"] });

        Assert.Equal(["node.role==worker", "node.labels.rack==r1", "node.labels.region==eu", "node.labels.disk==ssd"], service.Constraints);
    }

    [Theory]
    [InlineData("node.id==2ivku8v2gvtg4")]
    [InlineData("node.hostname!=node-2")]
    [InlineData("node.role==manager")]
    [InlineData("node.platform.os==linux")]
    [InlineData("node.platform.arch==x86_64")]
    [InlineData("node.labels.security==high")]
    [InlineData("node.labels.com.example.zone==eu-west/1")]
    [InlineData("node.labels.x==a:b*c(d)?e+f[g]h^i$j|k\\l")]
    public void Swarms_grammar_is_accepted(string constraint) =>
        Assert.Equal([constraint], Render(constraint).Constraints);

    [Theory]
    [InlineData("engine.labels.os==debian")]
    [InlineData("node.ip==10.0.0.1")]
    [InlineData("node.labels.region=eu")]
    [InlineData("node.labels.region>=eu")]
    [InlineData("node.labels.region==")]
    [InlineData("node.labels.==eu")]
    [InlineData("node.labels==eu")]
    [InlineData("node.role == manager")]
    [InlineData("node.labels.region==eu --detach")]
    [InlineData("node.labels.region==eu,west")]
    [InlineData("node.labels.region==\"eu\"")]
    [InlineData("--constraint=node.role==manager")]
    [InlineData("region==eu")]
    [InlineData("Node.Role==manager")]
    public void Anything_else_in_the_label_is_refused_in_one_line_naming_the_label_and_the_rule(string constraint)
    {
        var error = Assert.Throws<RenderException>(() => Render(constraint));

        Assert.StartsWith($"LABEL nap.constraint: '{constraint}' is not a Swarm constraint: use node.id, node.hostname, node.role, node.platform.os, node.platform.arch or node.labels.KEY, then == or !=, then a value of", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_constraint_with_a_line_break_is_refused_and_printed_on_one_line()
    {
        var error = Assert.Throws<RenderException>(() => Render("node.role==manager\nnode.role==worker"));

        Assert.StartsWith("LABEL nap.constraint: 'node.role==manager?node.role==worker' is not a Swarm constraint", error.Message);
    }

    [Fact]
    public void A_constraint_option_and_machine_metadata_are_held_to_the_same_grammar()
    {
        Assert.StartsWith("--constraint: 'node.labels.x=y' is not a Swarm constraint",
            Assert.Throws<RenderException>(() => Render(options: Images.Options() with { Constraints = ["node.labels.x=y"] })).Message);
        Assert.StartsWith("machine metadata region=eu=west: 'node.labels.region==eu=west' is not a Swarm constraint",
            Assert.Throws<RenderException>(() => UnitRenderer.RenderSwarm(Images.Web, Images.Options() with { MachineMetadata = ["region=eu=west"] })).Message);
    }
}
