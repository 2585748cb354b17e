using Nap.UnitGen.Isolation;

namespace Nap.UnitGen.Tests.Isolation;

public class DockerReferenceSpecs
{
    [Theory]
    [InlineData("alpine", "docker.io/library/alpine")]
    [InlineData("alpine:3.20", "docker.io/library/alpine")]
    [InlineData("library/alpine", "docker.io/library/alpine")]
    [InlineData("docker.io/alpine", "docker.io/library/alpine")]
    [InlineData("docker.io/library/alpine:3", "docker.io/library/alpine")]
    [InlineData("index.docker.io/alpine", "docker.io/library/alpine")]
    [InlineData("nap/shop", "docker.io/nap/shop")]
    [InlineData("nap/shop:1", "docker.io/nap/shop")]
    [InlineData("nap/shop:1-0123456789abcdef", "docker.io/nap/shop")]
    [InlineData("nap/shop@sha256:0123", "docker.io/nap/shop")]
    [InlineData("nap/shop:1@sha256:0123", "docker.io/nap/shop")]
    [InlineData("docker.io/nap/shop:1", "docker.io/nap/shop")]
    [InlineData("index.docker.io/nap/shop:1", "docker.io/nap/shop")]
    [InlineData("registry-1.docker.io/nap/shop:1", "docker.io/nap/shop")]
    [InlineData("Docker.IO/NAP/Shop:1", "docker.io/nap/shop")]
    [InlineData("  nap/shop:1 ", "docker.io/nap/shop")]
    [InlineData("docker-image://nap/shop:1", "docker.io/nap/shop")]
    [InlineData("localhost/nap/shop:1", "localhost/nap/shop")]
    [InlineData("localhost:5000/nap/shop:1", "localhost:5000/nap/shop")]
    [InlineData("ghcr.io/nap/shop", "ghcr.io/nap/shop")]
    [InlineData("nap/shop/inner:2", "docker.io/nap/shop/inner")]
    public void A_reference_names_the_repository_docker_normalises_it_to(string reference, string repository) =>
        Assert.Equal(repository, DockerReference.Repository(reference));

    [Theory]
    [InlineData("nap/shop:1", "shop", false)]
    [InlineData("docker.io/nap/shop", "shop", false)]
    [InlineData("nap/shop:1", "mine", true)]
    [InlineData("library/nap/shop:1", "mine", true)]
    [InlineData("docker.io/library/nap/shop:1", "mine", true)]
    [InlineData("nap/mine/inner:1", "mine", true)]
    [InlineData("nap/", "mine", true)]
    [InlineData("nap", "mine", false)]
    [InlineData("napshop:1", "mine", false)]
    [InlineData("ghcr.io/nap/shop:1", "mine", false)]
    [InlineData("builder", "mine", false)]
    public void Only_nap_images_of_another_app_are_another_apps(string reference, string app, bool another) =>
        Assert.Equal(another, BuildBoundary.IsAnotherApps(reference, app));
}
