namespace Nap.Receive.Tests;

/// <summary>
/// The built nap-receive the specs run: NAP_RECEIVE_BIN when set; else the Native AOT one that
/// scripts/test.sh has just published into NAP_PUBLISH_DIR, so CI tests the artifact a host gets;
/// else the apphost the test build copies next to the tests.
/// </summary>
public static class NapReceiveBinary
{
    public static string Path { get; } = Find();

    static string Find()
    {
        if (Environment.GetEnvironmentVariable("NAP_RECEIVE_BIN") is { Length: > 0 } bin)
            return bin;
        if (Environment.GetEnvironmentVariable("NAP_PUBLISH_DIR") is { Length: > 0 } dir
            && System.IO.Path.Combine(dir, "nap-receive") is var published && File.Exists(published))
            return published;
        return System.IO.Path.Combine(AppContext.BaseDirectory, "nap-receive");
    }
}
