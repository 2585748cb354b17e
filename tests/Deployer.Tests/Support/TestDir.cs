namespace Nap.Deployer.Tests.Support;

/// <summary>A fresh directory per test, removed afterwards. Short: Unix socket paths are limited to 108 bytes.</summary>
public sealed class TestDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("napd-").FullName;

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
