namespace Nap.Deployer.Apps;

/// <summary>Container limits from `resources:set`, in docker's syntax (memory=256M, cpus=0.5); null = unlimited.</summary>
public sealed record AppResources(string? Memory = null, string? Cpus = null)
{
    public static AppResources None { get; } = new();

    public AppResources WithMemory(string? memory) => this with { Memory = memory };
    public AppResources WithCpus(string? cpus) => this with { Cpus = cpus };
}
