using System.Net.Sockets;

namespace Nap.Deployer.Docker;

/// <summary>
/// What a call to the engine throws when nothing answered it: the socket gone, refused, reset or silent, as while
/// docker.service stops, restarts or is upgraded. The engine answering with an error is Docker.DotNet's DockerApiException.
/// </summary>
public static class EngineUnreachable
{
    public static bool Is(Exception e) => e is HttpRequestException or IOException or SocketException or TimeoutException;
}
