using Microsoft.Extensions.Logging;

namespace Nap.Deployer.Docker;

/// <summary>
/// Where the engine keeps images, build layers and what containers write (its DockerRootDir, /var/lib/docker by
/// default), and the free space there. Asked of the engine once: only a restart of the engine with another
/// data-root moves it.
/// </summary>
public sealed partial class DataRoot(IDocker docker, ILogger<DataRoot> logger)
{
    Task<string?>? _path;

    /// <summary>Null while the engine will not say; a failed ask is asked again the next time.</summary>
    public Task<string?> PathAsync()
    {
        var path = _path ??= AskAsync();
        if (path.IsCompleted && path.Result is null)
            _path = null;
        return path;
    }

    // Not cancelled with the request that asked first: later ones share the answer.
    async Task<string?> AskAsync()
    {
        try
        {
            return await docker.DataRootAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUnknown(e.Message);
            return null;
        }
    }

    /// <summary>statvfs(3): the bytes an unprivileged writer may still use there; null when the path cannot be read.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "docker's data root is unknown ({Error}): limits.diskFreeMegabytes is not kept until it answers")]
    partial void LogUnknown(string error);
}
