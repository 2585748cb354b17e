using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

public sealed partial class DockerSwarm
{
    public async IAsyncEnumerable<ServiceLogLine> ServiceLogsAsync(string service, ServiceLogQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new ServiceLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            // What `docker service logs` asks for too: the task and node of each line, and its time to order them by.
            Details = true,
            Timestamps = true,
            Follow = query.Follow,
            Tail = query.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            Since = query.Since is { } since ? Since(since) : null!,
        };
        Stream stream;
        try
        {
            // A service nap makes has no TTY, so its log stream is multiplexed (ServiceLogStream reads the frames).
            stream = await client.Swarm.GetServiceLogsAsync(service, parameters, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DockerSwarmException($"the engine has no service {service}");
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException($"the engine gave no logs of service {service}: {Reason(e)}");
        }
        catch (Exception e) when (EngineUnreachable.Is(e))
        {
            throw new DockerSwarmException($"napd cannot reach the engine for the logs of service {service}: {e.Message}");
        }
        await using (stream)
        {
            await foreach (var line in ServiceLogStream.ReadAsync(stream, ct))
                yield return line;
        }
    }

    /// <summary>Unix seconds with nine fraction digits, the form the docker CLI sends for --since.</summary>
    static string Since(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond * 100:D9}");
    }
}
