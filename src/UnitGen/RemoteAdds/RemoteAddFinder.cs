using System.Text.RegularExpressions;
using Nap.UnitGen.Model;
using Nap.UnitGen.Parsing;
using static Nap.Protocol.Untrusted;

namespace Nap.UnitGen.RemoteAdds;

/// <summary>
/// The ADDs of URLs in a parsed Dockerfile, for napd to fetch itself (issue 21: the engine would fetch them from the
/// host's own network). Throws <see cref="DockerfileException"/>, with the line, for an ADD napd cannot stand in for
/// exactly: a git repository, URLs mixed with local files, --unpack, a file name that would not survive a COPY, and a
/// source built from a variable only the base image could define, which could turn it into a URL nap never saw.
/// </summary>
public static partial class RemoteAddFinder
{
    // A name COPY takes literally in both forms: no substitution ($, the escape), no wildcard, no blank, no quote.
    [GeneratedRegex(@"^[A-Za-z0-9._+@%=,~-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    [GeneratedRegex("^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();

    public static IReadOnlyList<RemoteAdd> Find(IReadOnlyList<BuildStage> stages) =>
        stages.SelectMany(s => s.Steps)
            .Where(s => s.Instruction == InstructionNames.Add && (s.Sources.Any(SourceKinds.IsRemote) || s.UnresolvedInSources.Count > 0))
            .Select(Read)
            .ToList();

    private static RemoteAdd Read(BuildStep add)
    {
        DockerfileException Error(string detail) => new(add.Line, InstructionNames.Add, detail);

        if (add.UnresolvedInSources.Count > 0)
            throw Error($"the source uses ${add.UnresolvedInSources[0]}, which nothing in this Dockerfile defines: the base image may, and could make it a URL the engine would fetch from the build host's own network; define it with ARG or ENV");
        if (add.Sources.FirstOrDefault(s => SourceKinds.Of(s) == SourceKind.Git) is { } git)
            throw Error($"{Printable(git)} is a git repository, which the engine would clone from the build host's own network: nap fetches only http and https files for a build; clone it in a RUN step, or ADD an archive of it over https");
        if (add.Sources.Any(s => !SourceKinds.IsRemote(s)) || add.Heredocs.Count > 0)
            throw Error("mixes URLs with local files or here-documents: give each URL an ADD of its own");
        if (add.Flag("unpack") == "true")
            throw Error("--unpack of a URL: napd fetches URLs itself and adds them as files; unpack the archive in a RUN step");
        var checksum = add.Flag("checksum");
        if (checksum is not null && add.Sources.Count > 1)
            throw Error("--checksum can't be specified for multiple sources; give each URL an ADD of its own");
        if (checksum is not null && !Digest().IsMatch(checksum))
            throw Error($"--checksum=\"{Printable(checksum)}\" is not a digest: write sha256:HEX (or sha384:, sha512:)");
        return new RemoteAdd(add.Line, add.Sources.Select(url => new RemoteFile(url, Name(url, Error))).ToList(), checksum);
    }

    // dockerfile2llb's rule: path.Base of the URL's (decoded) path, or __unnamed__ for none.
    private static string Name(string url, Func<string, DockerfileException> error)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw error($"{Printable(url)} is not a URL napd can fetch; write it as http://HOST/PATH or https://HOST/PATH");
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        var name = path.Length == 0 ? "__unnamed__" : path[(path.LastIndexOf('/') + 1)..];
        if (name is "." or ".." || !PlainName().IsMatch(name))
            throw error($"the file name \"{Printable(name)}\" of {Printable(url)} is not one nap copies under its own name (letters, digits and . _ + @ % = , ~ - only): rename it on its server, or download it in a RUN step");
        return name;
    }
}
