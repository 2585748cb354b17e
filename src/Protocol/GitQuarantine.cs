namespace Nap.Protocol;

/// <summary>
/// The variables by which git tells a pre-receive hook where the pushed objects wait (its quarantine). The hook
/// forwards them in <see cref="NapRequest.GitEnv"/>; napd reads the new revision with them, and only them.
/// Not GIT_DIR: git sets it to ".", and napd knows the repository.
/// </summary>
public static class GitQuarantine
{
    public const string QuarantinePath = "GIT_QUARANTINE_PATH";
    public const string ObjectDirectory = "GIT_OBJECT_DIRECTORY";
    public const string AlternateObjectDirectories = "GIT_ALTERNATE_OBJECT_DIRECTORIES";

    public static IReadOnlyList<string> Names { get; } = [QuarantinePath, ObjectDirectory, AlternateObjectDirectories];
}
