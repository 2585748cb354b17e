using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class CorpusSpecs
{
    [Fact]
    public void The_corpus_holds_at_least_45_dockerfiles() =>
        Assert.True(CorpusFiles.Names.Count >= 45, $"only {CorpusFiles.Names.Count} Dockerfiles in {CorpusFiles.Directory}");

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Every_corpus_dockerfile_resolves_to_something_that_runs(string name)
    {
        var config = Dockerfile.Parse(CorpusFiles.Read(name));

        Assert.NotEmpty(config.BaseImage);
        Assert.NotEmpty(config.Command);
        Assert.All(config.Ports, p => Assert.InRange(p.Port, 1, 65535));
        Assert.All(config.Volumes, v => Assert.True(v.StartsWith('/'), $"volume {v} is not absolute"));
        Assert.True(config.WorkDir is null || config.WorkDir.StartsWith('/') || config.WorkDir[1] == ':', $"workdir {config.WorkDir}");
    }

    [Fact]
    public void The_postgres_like_image_keeps_its_data_and_stops_with_sigint()
    {
        var config = Dockerfile.Parse(CorpusFiles.Read("postgres-like"));

        Assert.Equal(["/var/lib/postgresql/data"], config.Volumes);
        Assert.Equal("SIGINT", config.StopSignal);
        Assert.Equal(["docker-entrypoint.sh", "postgres"], config.Command);
        Assert.Contains(new KeyValuePair<string, string>("PG_MAJOR", "16"), config.Env);
        Assert.Contains(new KeyValuePair<string, string>("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin"), config.Env);
    }

    [Fact]
    public void The_go_image_runs_its_binary_as_a_numeric_user_with_two_ports()
    {
        var config = Dockerfile.Parse(CorpusFiles.Read("go-multistage"));

        Assert.Equal(("alpine:3.20", "10001:10001"), (config.BaseImage, config.User));
        Assert.Equal(["8080/tcp", "9090/tcp"], config.Ports.Select(p => p.ToString()));
        Assert.Equal(["/usr/local/bin/api", "--listen=:8080", "--metrics=:9090"], config.Command);
    }

    [Fact]
    public void The_rails_image_inherits_its_environment_from_the_base_stage()
    {
        var config = Dockerfile.Parse(CorpusFiles.Read("ruby-rails"));

        Assert.Equal("base", config.BaseImage);
        Assert.Equal("/rails", config.WorkDir);
        Assert.Equal(["RAILS_ENV", "BUNDLE_DEPLOYMENT", "BUNDLE_PATH", "BUNDLE_WITHOUT"], config.Env.Select(e => e.Key));
        Assert.Equal(["/rails/bin/docker-entrypoint", "./bin/rails", "server"], config.Command);
    }

    [Fact]
    public void The_windows_image_keeps_its_backslashes_and_powershell()
    {
        var config = Dockerfile.Parse(CorpusFiles.Read("windows-escape"));

        Assert.Equal(@"C:\app", config.WorkDir);
        Assert.Equal([new(@"APP_HOME", @"C:\app"), new("LOG_DIR", @"C:\logs")], config.Env);
        Assert.Equal(["powershell", "-Command", "$ErrorActionPreference = 'Stop';", @"powershell -File C:\app\start.ps1"], config.Command);
    }

    [Fact]
    public void The_arg_driven_image_resolves_every_version()
    {
        var config = Dockerfile.Parse(CorpusFiles.Read("arg-versions"), new Dictionary<string, string> { ["APP_VERSION"] = "2.4.1" });

        Assert.Equal("docker.io/library/node:20-bookworm-slim", config.BaseImage);
        Assert.Equal("/srv/2.4.1", config.WorkDir);
        Assert.Equal([new("org.opencontainers.image.version", "2.4.1"), new("com.example.node-major", "20")], config.Labels);
        Assert.Equal(4000, config.Ports.Single().Port);
    }

    [Fact]
    public void The_hostile_values_arrive_verbatim()
    {
        var percent = Dockerfile.Parse(CorpusFiles.Read("hostile-percent"));
        var newlines = Dockerfile.Parse(CorpusFiles.Read("hostile-newlines"));
        var quotes = Dockerfile.Parse(CorpusFiles.Read("hostile-quotes"));

        Assert.Equal(("/srv/%i", "%u"), (percent.WorkDir, percent.User));
        Assert.Equal(["/data\nExecStartPre=/bin/evil"], newlines.Volumes);
        Assert.Equal("line1\\nline2", newlines.Env[0].Value);
        Assert.Equal("\"; ExecStartPost=/bin/evil; \"", quotes.Labels.Single(l => l.Key == "tricky").Value);
        Assert.Equal("/srv/my app", quotes.WorkDir);
        Assert.Equal(["/data with space", "/x\"y"], quotes.Volumes);
    }

    [Fact]
    public void The_corpus_uses_every_instruction_of_the_reference()
    {
        var used = CorpusFiles.Names
            .SelectMany(n => DockerfileParser.Parse(CorpusFiles.Read(n)).Instructions)
            .SelectMany(i => i.Trigger is null ? [i.Name] : new[] { i.Name, i.Trigger.Name })
            .ToHashSet();

        Assert.Empty(InstructionNames.All.Except(used));
    }
}
