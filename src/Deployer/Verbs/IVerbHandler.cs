namespace Nap.Deployer.Verbs;

/// <summary>
/// Serves one verb of napd's socket protocol. Register with <c>services.AddVerb&lt;T&gt;()</c>.
/// The request's app name and the caller are NOT yet checked against the app: each handler
/// decides who may do what (see <see cref="Apps.AccessPolicy"/>).
/// </summary>
public interface IVerbHandler
{
    /// <summary>The verb as in <see cref="Nap.Protocol.Verbs.All"/> (or an internal one such as `receive`).</summary>
    string Verb { get; }

    /// <returns>The exit code sent to the client; 0 means success.</returns>
    /// <remarks>The token is cancelled when the client hangs up (Ctrl-C on the pusher's side) or napd stops.</remarks>
    Task<int> HandleAsync(VerbContext context, CancellationToken ct);
}
