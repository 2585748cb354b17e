namespace Nap.Deployer.Systemd;

/// <summary>systemd said no (an error reply, or a job that did not end "done"); the message is for the client.</summary>
/// <param name="ErrorName">The D-Bus error, e.g. org.freedesktop.systemd1.NoSuchUnit; null for a failed job.</param>
public sealed class SystemdException(string message, string? errorName = null) : Exception(message)
{
    public const string NoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";

    public string? ErrorName => errorName;
}
