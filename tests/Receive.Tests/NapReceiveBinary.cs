namespace Nap.Receive.Tests;

/// <summary>
/// The built nap-receive: the apphost the test build copies next to the tests, or the
/// Native AOT one when NAP_RECEIVE_BIN points at it (bench and host runs).
/// </summary>
public static class NapReceiveBinary
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("NAP_RECEIVE_BIN") is { Length: > 0 } bin
            ? bin
            : System.IO.Path.Combine(AppContext.BaseDirectory, "nap-receive");
}
