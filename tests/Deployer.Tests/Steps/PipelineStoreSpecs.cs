using Nap.Deployer.Settings;
using Nap.Deployer.Steps;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Steps;

public sealed class PipelineStoreSpecs : IDisposable
{
    readonly TestDir dir = new();

    PipelineStore Store(TenantLimits? limits = null) =>
        new(new NapPaths(dir.Path, dir.Sub("etc"), dir.Sub("run")), new NapdConfig { Limits = limits ?? new TenantLimits() });

    const string Pipe = """[{"step": "compile", "commands": ["make"]}, {"step": "test", "commands": ["make test"]}]""";

    [Fact]
    public void A_stored_pipeline_is_kept_as_sent_readable_by_root_only_and_listed_by_name()
    {
        var store = Store();

        var steps = store.Save("checks", Pipe);
        store.Save("audit", """[{"step": "audit", "commands": ["true"]}]""");

        Assert.Equal(["compile", "test"], steps.Select(s => s.Name));
        Assert.Equal(Pipe, store.ReadText("checks"));
        Assert.Equal(["audit", "checks"], store.Names());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "pipelines", "checks.json")));
        Assert.Equal(["compile", "test"], store.Find("checks")!.Select(s => s.Name));
    }

    [Fact]
    public void A_refused_pipeline_leaves_the_stored_one_as_it_was()
    {
        var store = Store();
        store.Save("checks", Pipe);

        Assert.Throws<AppManifestException>(() => store.Save("checks", """[{"step": "x"}]"""));

        Assert.Equal(Pipe, store.ReadText("checks"));
    }

    [Fact]
    public void A_removed_pipeline_is_found_no_more()
    {
        var store = Store();
        store.Save("checks", Pipe);

        Assert.True(store.Remove("checks"));

        Assert.Null(store.Find("checks"));
        Assert.False(store.Remove("checks"));
        Assert.Empty(store.Names());
    }

    [Fact]
    public void A_stored_pipeline_is_checked_again_against_lower_limits_when_used()
    {
        Store().Save("checks", Pipe);

        Assert.Throws<AppManifestException>(() => Store(new TenantLimits().WithSteps(1, 50, 30)).Find("checks"));
    }

    [Fact]
    public void A_name_that_could_leave_the_folder_is_never_a_path()
    {
        Assert.Throws<ArgumentException>(() => Store().ReadText("../../etc/passwd"));
    }

    public void Dispose() => dir.Dispose();
}
