namespace Nap.Deployer.Steps;

/// <summary>app.json is refused: the message names the file, the line and the JSON path, and what to write instead.</summary>
public sealed class AppManifestException(string message) : Exception(message);
