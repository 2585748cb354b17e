using System.Reflection;
using System.Text.Json.Nodes;
using Json.Schema;
using Nap.Deployer.Settings;
using Nap.Deployer.Steps;

namespace Nap.Deployer.Tests.Steps;

/// <summary>
/// docs/app.schema.json is the contract of app.json's pipeline; napd checks by hand (for lines and napd.json's limits,
/// docs/DESIGN.md "Pipeline steps"). Here JsonSchema.Net and napd's reader must agree on each file.
/// </summary>
public sealed class AppManifestSchemaSpecs
{
    static readonly string Root = typeof(AppManifestSchemaSpecs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
    static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(Root, "docs", "app.schema.json"));

    public static TheoryData<string> Valid =>
    [
        "{}",
        """{"name": "x", "env": {"A": {"value": "1"}}, "addons": ["heroku-postgresql"], "scripts": {"test": "make"}}""",
        """{"steps": []}""",
        """{"steps": [{"step": "compile", "commands": ["make"]}, {"step": "test.unit_2-a", "commands": ["a", "b"], "timeout": "90s"}]}""",
        """{"scripts": {"predeploy": "./migrate", "postdeploy": {"command": "./notify", "size": "basic"}}}""",
        """{"steps": [{"step": "t", "commands": ["x"], "timeout": "30m"}]}""",
        """{"uses": []}""",
        """{"healthchecks": {}}""",
        """{"healthchecks": {"web": [{"path": "/health"}], "worker": [{"uptime": 10}]}}""",
        """{"healthchecks": {"web": [{"type": "startup", "name": "db", "description": "x", "path": "/ready?db=1", "content": "ok", "attempts": 10, "timeout": 2, "wait": 0, "initialDelay": 3}]}}""",
        """{"healthchecks": {"web": [{"type": "liveness", "command": ["./live"]}, {"type": "readiness", "port": 3000}]}}""",
    ];

    public static TheoryData<string> Invalid =>
    [
        "[]",
        "\"steps\"",
        """{"steps": {}}""",
        """{"steps": ["make"]}""",
        """{"steps": [{"commands": ["x"]}]}""",
        """{"steps": [{"step": "t"}]}""",
        """{"steps": [{"step": "t", "commands": []}]}""",
        """{"steps": [{"step": "t", "commands": [""]}]}""",
        """{"steps": [{"step": "t", "commands": ["   "]}]}""",
        """{"steps": [{"step": "t", "commands": [1]}]}""",
        """{"steps": [{"step": "t", "commands": ["x"], "timeout": "10"}]}""",
        """{"steps": [{"step": "t", "commands": ["x"], "timeout": "1d"}]}""",
        """{"steps": [{"step": "t", "commands": ["x"], "timeout": 600}]}""",
        """{"steps": [{"step": "t", "commands": ["x"], "retries": 3}]}""",
        """{"steps": [{"step": "-t", "commands": ["x"]}]}""",
        """{"steps": [{"step": "a b", "commands": ["x"]}]}""",
        """{"steps": [{"step": "", "commands": ["x"]}]}""",
        """{"steps": [{"step": "predeploy", "commands": ["x"]}]}""",
        """{"steps": [{"step": "x123456789x123456789x123456789x1234567890", "commands": ["x"]}]}""",
        """{"scripts": []}""",
        """{"scripts": {"predeploy": 1}}""",
        """{"scripts": {"postdeploy": {"cmd": "x"}}}""",
        """{"uses": "checks"}""",
        """{"uses": ["../checks"]}""",
        """{"uses": [1]}""",
        """{"healthchecks": []}""",
        """{"healthchecks": {"web": {"path": "/"}}}""",
        """{"healthchecks": {"web": ["/health"]}}""",
        """{"healthchecks": {"web": [{"name": "no path"}]}}""",
        """{"healthchecks": {"web": [{"path": "health"}]}}""",
        """{"healthchecks": {"web": [{"path": "/a b"}]}}""",
        """{"healthchecks": {"web": [{"path": "/#top"}]}}""",
        """{"healthchecks": {"web": [{"path": "/", "port": 5000}]}}""",
        """{"healthchecks": {"web": [{"type": "startup", "command": ["./ready"]}]}}""",
        """{"healthchecks": {"web": [{"path": "/", "attempts": 0}]}}""",
        """{"healthchecks": {"web": [{"path": "/", "timeout": "5"}]}}""",
        """{"healthchecks": {"web": [{"path": "/", "content": ""}]}}""",
        """{"healthchecks": {"web": [{"path": "/", "type": "boot"}]}}""",
    ];

    static bool SchemaAccepts(string json) => Schema.Evaluate(JsonNode.Parse(json)).IsValid;

    static bool NapdAccepts(string json)
    {
        try
        {
            AppManifestReader.Parse(json, new TenantLimits());
            return true;
        }
        catch (AppManifestException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void What_the_schema_accepts_napd_accepts(string json)
    {
        Assert.True(SchemaAccepts(json), "the schema refuses it");
        Assert.True(NapdAccepts(json), "napd refuses it");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void What_the_schema_refuses_napd_refuses(string json)
    {
        Assert.False(SchemaAccepts(json), "the schema accepts it");
        Assert.False(NapdAccepts(json), "napd accepts it");
    }
}
