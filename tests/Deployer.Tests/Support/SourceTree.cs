using System.Reflection;

namespace Nap.Deployer.Tests.Support;

/// <summary>The checkout these specs were built from (the csproj records it: NAP_ARTIFACTS builds elsewhere).</summary>
public static class SourceTree
{
    public static string Root { get; } =
        typeof(SourceTree).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
}
