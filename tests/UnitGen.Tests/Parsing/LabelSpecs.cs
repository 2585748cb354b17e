namespace Nap.UnitGen.Tests.Parsing;

public class LabelSpecs
{
    [Fact]
    public void I_can_set_several_labels_with_quotes()
    {
        var config = Dockerfile.Parse("FROM alpine\nLABEL org.opencontainers.image.title=\"My App\" version=1.0 \\\n      \"com.example.note\"='it''s 100% \"fine\"'\n");

        Assert.Equal([new("org.opencontainers.image.title", "My App"), new("version", "1.0"), new("com.example.note", "its 100% \"fine\"")], config.Labels);
    }

    [Fact]
    public void Labels_substitute_variables_unless_escaped()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG V=2.1\nLABEL version=$V literal=\\$V price='$5'\n");

        Assert.Equal([new("version", "2.1"), new("literal", "$V"), new("price", "$5")], config.Labels);
    }

    [Fact]
    public void The_legacy_form_takes_the_rest_of_the_line()
    {
        var config = Dockerfile.Parse("FROM alpine\nLABEL description A small web server\n");

        Assert.Equal([new("description", "A small web server")], config.Labels);
    }

    [Fact]
    public void Maintainer_becomes_the_maintainer_label()
    {
        var config = Dockerfile.Parse("FROM alpine\nMAINTAINER Jane Doe <jane@example.com>\n");

        Assert.Equal([new("maintainer", "Jane Doe <jane@example.com>")], config.Labels);
    }

    [Fact]
    public void A_later_label_replaces_an_inherited_one()
    {
        var config = Dockerfile.Parse("FROM alpine AS base\nLABEL tier=base keep=yes\nFROM base\nLABEL tier=app\n");

        Assert.Equal([new("tier", "app"), new("keep", "yes")], config.Labels);
    }
}
