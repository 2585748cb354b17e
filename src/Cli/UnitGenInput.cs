using Nap.Protocol;

namespace Nap.Cli;

/// <summary>Where the Dockerfile is and what the app is called when --app is not given.</summary>
sealed record UnitGenInput(string DockerfilePath, string ContextDir)
{
    public static UnitGenInput Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            full = Path.Combine(full, "Dockerfile");
        if (!File.Exists(full))
            throw new FileNotFoundException($"no Dockerfile at '{Untrusted.Printable(path)}': give a Dockerfile or a directory containing one");
        return new(full, Path.GetDirectoryName(full)!);
    }

    public bool IsNamedDockerfile => Path.GetFileName(DockerfilePath) == "Dockerfile";

    public string DefaultApp => Path.GetFileName(ContextDir).ToLowerInvariant();

    /// <summary>The parser says "Dockerfile:7: ..."; the user should see which file.</summary>
    public string Locate(string parserMessage) =>
        parserMessage.StartsWith("Dockerfile:", StringComparison.Ordinal)
            ? DockerfilePath + parserMessage["Dockerfile".Length..]
            : $"{DockerfilePath}: {parserMessage}";
}
