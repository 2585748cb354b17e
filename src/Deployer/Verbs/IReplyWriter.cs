namespace Nap.Deployer.Verbs;

/// <summary>
/// The client's stdout and stderr. Thread-safe; each line is flushed as it is written,
/// so a build log reaches the pusher as it happens. Writing after the client hung up is a no-op.
/// </summary>
public interface IReplyWriter
{
    Task OutAsync(string line);

    Task ErrAsync(string line);
}
