using Microsoft.AspNetCore.Http;
using Nap.Deployer.Nginx;

namespace Nap.Deployer.Hooks;

/// <summary>
/// POST /nap/hooks/APP, as nginx passes it on from the hooks socket: the body read whole (at most 1 MB, Kestrel's
/// limit), then <see cref="HookReceiver"/>. The answer is one line of text.
/// </summary>
public sealed class HookEndpoint(HookReceiver receiver)
{
    public const string Prefix = "/nap/hooks/";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        HookAnswer answer;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || path[Prefix.Length..].TrimEnd('/') is not { Length: > 0 } app || app.Contains('/'))
            answer = new HookAnswer(404, "webhooks are POST /nap/hooks/APP");
        else if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            answer = new HookAnswer(405, "webhooks are POST /nap/hooks/APP");
        }
        else
            answer = receiver.Receive(app, name => request.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null,
                await ReadBodyAsync(request, context.RequestAborted));
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(answer.Text + "\n", context.RequestAborted);
    }

    /// <returns>null when the body is larger than <see cref="HookLimits.BodyBytes"/>.</returns>
    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        // nginx refused the body itself (client_max_body_size) and passed on only the headers, for the log.
        if (request.Headers.ContainsKey(NginxConf.BodyTooLargeHeader) || request.ContentLength > HookLimits.BodyBytes)
            return null;
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.Length > HookLimits.BodyBytes ? null : buffer.ToArray();
    }
}
