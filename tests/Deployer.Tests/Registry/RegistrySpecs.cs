using Nap.Deployer.Registry;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Registry;

/// <summary>napd's side of the registry without one running; Host.Tests' RegistrySpecs push to a real one.</summary>
public sealed class RegistrySpecs : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("nap-registry-").FullName;

    NapPaths Paths => new(root, root, root);

    [Fact]
    public void A_host_without_a_registry_record_has_no_registry() =>
        Assert.Null(new RegistrySettings(Paths).Find());

    [Fact]
    public void The_recorded_registry_comes_with_napd_s_login_and_nap_s_CA()
    {
        File.WriteAllText(Paths.RegistryFile, """{"address": "10.0.0.5:5000", "user": "napd"}""");
        Directory.CreateDirectory(Paths.RegistryAuthDir);
        File.WriteAllText(Paths.RegistryAuthFile, """{"auths": {"10.0.0.5:5000": {"auth": "bmFwZDpzM2NyZXQ="}}}""");

        var target = new RegistrySettings(Paths).Find()!;

        Assert.Equal(new Nap.Deployer.Docker.RegistryLogin("10.0.0.5:5000", "napd", "s3cret"), target.Login);
        Assert.Equal(Path.Combine(Paths.RegistryCaDir, "ca.crt"), target.CaFile);
        Assert.Equal("10.0.0.5:5000/web:20261201-210405-0123456", target.Image("web", "20261201-210405-0123456"));
    }

    [Fact]
    public void A_record_without_a_login_is_one_line_naming_the_fix()
    {
        File.WriteAllText(Paths.RegistryFile, """{"address": "10.0.0.5:5000", "user": "napd"}""");

        var e = Assert.Throws<RegistryException>(() => new RegistrySettings(Paths).Find());

        Assert.Equal("napd has no login for the registry at 10.0.0.5:5000: the host's admin runs nap registry init again", e.Message);
    }

    [Fact]
    public void A_broken_record_is_one_line_naming_the_fix()
    {
        File.WriteAllText(Paths.RegistryFile, "{");

        var e = Assert.Throws<RegistryException>(() => new RegistrySettings(Paths).Find());

        Assert.StartsWith("the registry's files are unreadable (", e.Message);
        Assert.EndsWith("): the host's admin runs nap registry init again", e.Message);
    }

    [Fact]
    public async Task A_garbage_collection_waits_for_running_pushes_and_holds_new_ones_back()
    {
        var gate = new RegistryGate();
        var push = await gate.PushAsync(default);

        var collect = gate.CollectAsync(default);
        Assert.False(collect.IsCompleted);
        push.Dispose();
        var collecting = await collect;
        var next = gate.PushAsync(default);
        Assert.False(next.IsCompleted);
        collecting.Dispose();
        (await next).Dispose();
    }

    [Fact]
    public async Task Pushes_run_side_by_side()
    {
        var gate = new RegistryGate();

        using var first = await gate.PushAsync(default);
        using var second = await gate.PushAsync(default);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
