using System.Text.RegularExpressions;

namespace Nap.Cli.Registry;

/// <summary>
/// config.yml as nap runs the registry: the Debian package's settings, with TLS from nap's CA, its htpasswd auth block
/// pointed at a file that exists, and deletes on (retention deletes old tags through the API). Written whole rather than
/// edited: nap owns the file from `registry init` on (the package's own is kept beside it), and the one setting an
/// admin is likely to have changed, the storage directory, is carried over.
/// </summary>
public static partial class RegistryConfig
{
    public const string DefaultStorage = "/var/lib/docker-registry";

    public static string Render(RegistryFiles files, int port, string storage) => $"""
        # Written by `nap registry init`, which rewrites it when it differs; the package's own is config.yml.nap-orig.
        version: 0.1
        log:
          fields:
            service: registry
        storage:
          # No blob descriptor cache (the package has an in-memory one): after a garbage collection it still answers
          # for blobs that are gone, and a push of one of them again fails with "blob unknown".
          filesystem:
            rootdirectory: {storage}
          delete:
            enabled: true
        http:
          addr: :{port}
          headers:
            X-Content-Type-Options: [nosniff]
          tls:
            certificate: {Host(files, files.ServerCertificate)}
            key: {Host(files, files.ServerKey)}
        auth:
          htpasswd:
            realm: nap-registry
            path: {Host(files, files.Htpasswd)}
        health:
          storagedriver:
            enabled: true
            interval: 10s
            threshold: 3

        """;

    /// <summary>The storage directory a config.yml names (filesystem.rootdirectory), or the package's default.</summary>
    public static string StorageOf(string? config) =>
        config is not null && RootDirectory().Match(config) is { Success: true } m ? m.Groups[1].Value.Trim() : DefaultStorage;

    /// <summary>The path as the registry sees it on the host, whatever root the files are under.</summary>
    static string Host(RegistryFiles files, string path) => "/" + Path.GetRelativePath(files.Root, path).Replace('\\', '/');

    [GeneratedRegex(@"^\s+rootdirectory:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RootDirectory();
}
