using Nap.Deployer.AppConfig;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.AppConfig;

public sealed class AppEnvStoreSpecs : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("nap-env-").FullName;
    readonly AppEnvStore store;

    public AppEnvStoreSpecs() => store = new AppEnvStore(new NapPaths(root, root + "/etc", root + "/run"));

    static KeyValuePair<string, string> Kv(string k, string v) => KeyValuePair.Create(k, v);

    [Fact]
    public void The_env_file_is_readable_by_root_only()
    {
        store.Set("web", [Kv("DATABASE_PASSWORD", "s3cret")]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf("web")));
    }

    [Fact]
    public void Values_are_written_in_docker_env_file_format_unquoted()
    {
        store.Set("web", [Kv("GREETING", "hello world = \"yes\" $HOME"), Kv("EMPTY", "")]);

        Assert.Equal("GREETING=hello world = \"yes\" $HOME\nEMPTY=\n", File.ReadAllText(store.PathOf("web")));
    }

    [Fact]
    public void Setting_a_value_again_replaces_it_in_place_and_keeps_the_others()
    {
        store.Set("web", [Kv("A", "1"), Kv("B", "2")]);

        store.Set("web", [Kv("A", "3"), Kv("C", "4")]);

        Assert.Equal([Kv("A", "3"), Kv("B", "2"), Kv("C", "4")], store.Read("web"));
    }

    [Fact]
    public void Unset_removes_the_names_and_says_which_were_there()
    {
        store.Set("web", [Kv("A", "1"), Kv("B", "2")]);

        var removed = store.Unset("web", ["B", "NOPE"]);

        Assert.Equal(["B"], removed);
        Assert.Equal([Kv("A", "1")], store.Read("web"));
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("")]
    [InlineData("A\nB")]
    public void A_name_that_is_not_an_identifier_is_refused_and_nothing_is_written(string name)
    {
        store.Set("web", [Kv("KEEP", "1")]);

        Assert.Throws<ArgumentException>(() => store.Set("web", [Kv("OK", "2"), Kv(name, "x")]));

        Assert.Equal([Kv("KEEP", "1")], store.Read("web"));
    }

    [Theory]
    [InlineData("line1\nINJECTED=1")]
    [InlineData("a\rb")]
    [InlineData("a\0b")]
    public void A_value_with_a_line_break_or_NUL_is_refused_without_echoing_it(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => store.Set("web", [Kv("TOKEN", value)]));

        Assert.Contains("TOKEN", error.Message);
        Assert.DoesNotContain(value, error.Message);
        Assert.False(File.Exists(store.PathOf("web")));
    }

    [Fact]
    public void An_assignment_splits_at_the_first_equals_sign()
    {
        var (name, value, error) = EnvVar.ParseAssignment("URL=postgres://u:p@h/db?x=1");

        Assert.Null(error);
        Assert.Equal("URL", name);
        Assert.Equal("postgres://u:p@h/db?x=1", value);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
