using System.Formats.Tar;
using Nap.Deployer.Settings;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Repos;

/// <summary>
/// Writes `git archive`'s tar stream into a release's src/, counting as it goes. A push of a few kilobytes can
/// name one blob from thousands of paths (nested trees multiply), so the file and byte limits are checked before
/// each entry is written and nothing is written past them. Paths never leave the destination: no `..`, and no
/// path through a symlink the tree itself made.
/// </summary>
public sealed class TarCheckout(string destination, TenantLimits limits)
{
    int files;
    long bytes;

    /// <summary>Why the checkout stopped (a limit, a path), or null while it is fine.</summary>
    public string? Refusal { get; private set; }

    /// <returns>false when it stopped at <see cref="Refusal"/>; the caller removes what was written.</returns>
    public async Task<bool> WriteAsync(Stream tar, CancellationToken ct)
    {
        var root = UnixPath.Real(destination) ?? throw new DirectoryNotFoundException(destination);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                continue;
            var target = root;
            Refusal = Check(entry) ?? Place(root, entry.Name, out target);
            if (Refusal is not null)
                return false;
            await WriteEntryAsync(entry, target, ct);
        }
        return true;
    }

    string? Check(TarEntry entry)
    {
        if (++files > limits.CheckoutFiles)
            return $"the pushed revision holds more than {limits.CheckoutFiles} files when checked out ({TenantLimits.Name("checkoutFiles")})";
        bytes += entry.Length;
        return bytes > limits.CheckoutBytes
            ? $"the pushed revision is larger than {limits.CheckoutBytes >> 20} MB when checked out ({TenantLimits.Name("checkoutMegabytes")})"
            : null;
    }

    /// <summary>Where the entry goes: its parents made (as real directories) on the way, or why the path cannot be.</summary>
    static string? Place(string root, string name, out string target)
    {
        target = root;
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (name.StartsWith('/') || parts.Any(p => p is "." or ".."))
            return $"the pushed tree has a path outside itself: {Nap.Protocol.Untrusted.Printable(name)}";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            target = Path.Combine(target, parts[i]);
            var info = new DirectoryInfo(target);
            if (info.LinkTarget is not null)
                return $"the pushed tree has a path through one of its own symlinks: {Nap.Protocol.Untrusted.Printable(name)}";
            if (!info.Exists)
                info.Create();
        }
        target = Path.Combine(target, parts.Length > 0 ? parts[^1] : "");
        return new FileInfo(target).LinkTarget is not null
            ? $"the pushed tree names one of its own symlinks twice: {Nap.Protocol.Untrusted.Printable(name)}"
            : null;
    }

    static async Task WriteEntryAsync(TarEntry entry, string target, CancellationToken ct)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(target);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = entry.Mode };
                await using (var file = new FileStream(target, options))
                    if (entry.DataStream is { } data)
                        await data.CopyToAsync(file, ct);
                File.SetUnixFileMode(target, entry.Mode);
                File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
                break;
            case TarEntryType.SymbolicLink:
                // Kept as the tree has it: the image may want it; napd reads pushed files only through SourceFiles.
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
        }
    }
}
