using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Egress;

namespace Nap.Deployer.Hooks;

/// <summary>
/// The deploy's result as a commit status at the forge (hooks:add --status-token): GitHub's
/// POST /repos/O/R/statuses/SHA, Gitea's POST /api/v1/repos/O/R/statuses/SHA, GitLab's
/// POST /api/v4/projects/ID/statuses/SHA. The forge's web host is the ssh URL's host, over https.
/// A status that cannot be posted is logged; the deploy stands either way. The request goes through
/// <see cref="PublicFetch"/>: a tenant's repository address cannot make napd post to the host or its networks.
/// </summary>
public sealed partial class CommitStatus(PublicFetch egress, ILogger<CommitStatus> logger)
{

    public async Task PostAsync(HookConfig hook, string revision, bool live, string description, string app)
    {
        if (Request(hook, revision, live, description, app) is not { } request)
        {
            LogUnknown(app, hook.Repo);
            return;
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            using (request)
            using (var response = await egress.SendAsync(request, limit.Token))
                if (!response.IsSuccessStatusCode)
                    LogRefused(app, (int)response.StatusCode);
        }
        catch (Exception e) when (e is EgressRefusedException or FetchFailedException or OperationCanceledException)
        {
            LogUnreachable(app, e.Message);
        }
    }

    /// <summary>The request for the forge, or null when the repository's address has no owner/name path.</summary>
    public static HttpRequestMessage? Request(HookConfig hook, string revision, bool live, string description, string app)
    {
        if (RepoUrl.Canonical(hook.Repo) is not { } canonical || canonical.IndexOf('/') is var slash && slash < 0)
            return null;
        var (host, path) = (canonical[..slash], canonical[(slash + 1)..]);
        var forge = hook.Dialect;
        var state = live ? "success" : "failed";
        Uri uri;
        string body;
        if (forge == Forge.GitLab)
        {
            uri = new Uri($"https://{host}/api/v4/projects/{Uri.EscapeDataString(path)}/statuses/{revision}");
            body = Json(w => { w.WriteString("state", live ? "success" : "failed"); w.WriteString("name", "nap"); w.WriteString("description", Short(description)); });
        }
        else
        {
            uri = new Uri(forge == Forge.GitHub ? $"https://api.{host}/repos/{path}/statuses/{revision}" : $"https://{host}/api/v1/repos/{path}/statuses/{revision}");
            body = Json(w => { w.WriteString("state", live ? "success" : forge == Forge.GitHub ? "failure" : state); w.WriteString("context", "nap/" + app); w.WriteString("description", Short(description)); });
        }
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (forge == Forge.GitLab)
            request.Headers.Add("PRIVATE-TOKEN", hook.StatusToken);
        else
            request.Headers.Authorization = new AuthenticationHeaderValue(forge == Forge.GitHub ? "Bearer" : "token", hook.StatusToken);
        request.Headers.UserAgent.ParseAdd("nap");
        return request;
    }

    // GitHub cuts descriptions at 140 characters.
    static string Short(string text) => text.Length <= 140 ? text : text[..137] + "...";

    static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [LoggerMessage(LogLevel.Warning, "commit status for {App}: {Repo} names no owner/repository")]
    partial void LogUnknown(string app, string repo);

    [LoggerMessage(LogLevel.Warning, "commit status for {App}: the forge answered {Status}")]
    partial void LogRefused(string app, int status);

    [LoggerMessage(LogLevel.Warning, "commit status for {App}: not posted: {Reason}")]
    partial void LogUnreachable(string app, string reason);
}
