using System.Formats.Tar;
using System.Security.Cryptography;
using Nap.Deployer.Docker;
using Nap.Deployer.Egress;
using Nap.Deployer.Verbs;
using Nap.Protocol;
using Nap.UnitGen.RemoteAdds;

namespace Nap.Deployer.Builds;

/// <summary>
/// Fetches a Dockerfile's ADD URLs for the engine, through <see cref="PublicFetch"/> (the public internet only, every
/// hop checked on the socket it connects), and hands them over as an image of one layer, nap-add/APP:N, which the
/// rewritten Dockerfile COPYs --from: each file as the engine's own fetch would have made it (the URL's file name,
/// mode 600, owned by root, the server's Last-Modified as its time, --checksum verified).
/// </summary>
public sealed class AddDownloads(PublicFetch fetch, IDocker docker)
{
    /// <summary>Fetches every remote ADD and writes the engine's Dockerfile; disposing removes the image again.</summary>
    public async Task<IAsyncDisposable> FetchAsync(string app, int number, BuildSource source, IReplyWriter reply, CancellationToken ct)
    {
        if (source.EngineDockerfile is not { } engineDockerfile)
            return new Downloads(docker, null);
        var image = ImageName.Downloads(app, number);
        foreach (var leftover in await docker.TagsAsync(ImageName.DownloadsRepository(app), ct))
            await docker.RemoveImageAsync(leftover, ct);
        await reply.StepAsync($"Fetching the Dockerfile's ADD URLs ({source.RemoteAdds.Sum(a => a.Files.Count)})");
        var tar = Path.Combine(source.BuildDir, "downloads.tar");
        Directory.CreateDirectory(source.BuildDir);
        try
        {
            await WriteTarAsync(tar, source.RemoteAdds, reply, ct);
            await using (var stream = File.OpenRead(tar))
                await docker.ImportAsync(stream, image, ct);
        }
        finally
        {
            File.Delete(tar);
        }
        var downloads = new Downloads(docker, image);
        await File.WriteAllTextAsync(engineDockerfile, RemoteAddRewriter.Rewrite(source.Text, source.RemoteAdds, image), ct);
        // buildkit reads DOCKERFILE.dockerignore beside the Dockerfile before the context's .dockerignore.
        var ignore = Path.Combine(source.ContextDir, "Dockerfile.dockerignore");
        if (File.Exists(ignore) && !File.GetAttributes(ignore).HasFlag(FileAttributes.ReparsePoint))
            File.Copy(ignore, engineDockerfile + ".dockerignore", overwrite: true);
        return downloads;
    }

    async Task WriteTarAsync(string path, IReadOnlyList<RemoteAdd> adds, IReplyWriter reply, CancellationToken ct)
    {
        await using var file = File.Create(path);
        await using var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var add in adds)
        {
            for (var index = 0; index < add.Files.Count; index++)
            {
                var entry = add.PathOf(index).TrimStart('/');
                await using var body = new FileStream(path + ".part", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                var fetched = await FetchAsync(add, add.Files[index].Url, body, ct);
                await reply.DetailAsync($"{Untrusted.Printable(add.Files[index].Url, 200)}: {fetched.Length} bytes");
                body.Position = 0;
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, entry[..entry.LastIndexOf('/')]) { Mode = (UnixFileMode)0b111_101_101 }, ct);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    Uid = 0,
                    Gid = 0,
                    ModificationTime = fetched.LastModified ?? DateTimeOffset.UtcNow,
                    DataStream = body,
                }, ct);
            }
        }
    }

    async Task<PublicFetch.Fetched> FetchAsync(RemoteAdd add, string url, Stream body, CancellationToken ct)
    {
        DeployFailedException Failed(string why) => new($"Dockerfile:{add.Line}: ADD: {why}");
        PublicFetch.Fetched fetched;
        try
        {
            fetched = await fetch.FetchAsync(new Uri(url), body, ct);
        }
        catch (EgressRefusedException e)
        {
            throw Failed($"{Untrusted.Printable(url, 200)} is refused: {e.Message}; nap fetches ADD URLs from the public internet only (and from the private hosts napd.json's addPrivateHosts names)");
        }
        catch (FetchFailedException e)
        {
            throw Failed(e.Message);
        }
        if (add.Checksum is { } expected && Digest(expected, body) is var actual && actual != expected)
            throw Failed($"{Untrusted.Printable(url, 200)} has the checksum {actual}, not {expected}: the file changed on its server, or --checksum is wrong");
        return fetched;
    }

    static string Digest(string expected, Stream body)
    {
        var algorithm = expected[..expected.IndexOf(':')];
        body.Position = 0;
        var hash = algorithm switch
        {
            "sha384" => SHA384.HashData(body),
            "sha512" => SHA512.HashData(body),
            _ => SHA256.HashData(body),
        };
        return $"{algorithm}:{Convert.ToHexStringLower(hash)}";
    }

    /// <summary>The image of downloads, for the length of one build.</summary>
    sealed class Downloads(IDocker docker, string? image) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (image is not null)
                await docker.RemoveImageAsync(image, CancellationToken.None);
        }
    }
}
