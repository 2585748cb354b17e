using System.Text.Json;
using Nap.Deployer.Apps;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// One delivery, from its headers and body to its answer (issue 15's table), recorded in the app's delivery log.
/// Only a signed push event of the configured repository and branch deploys, and that happens later
/// (<see cref="HookDeploys"/>): forges give up after about 10 s, a build takes longer.
/// </summary>
public sealed class HookReceiver(HookStore store, DeliveryLog log, IHookDeployQueue deploys, TimeProvider clock)
{
    /// <param name="header">The request's header by name, case-insensitive; null when absent.</param>
    /// <param name="body">The raw body, or null when it was larger than <see cref="HookLimits.BodyBytes"/>.</param>
    public HookAnswer Receive(string app, Func<string, string?> header, byte[]? body)
    {
        if (AppName.Validate(app) is not null || store.Find(app) is not { } hook)
            return new HookAnswer(404, $"no webhook here: hooks:add {Untrusted.Printable(app, 40)} makes one");
        var forge = hook.Dialect;
        var @event = Untrusted.Printable(header(forge.EventHeader) ?? "", 60);
        var id = forge.DeliveryHeaders.Select(header).FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } given ? Untrusted.Printable(given, 100) : null;
        var delivery = new Delivery(clock.GetUtcNow(), forge.Name, @event.Length > 0 ? @event : "(none)", id, null, null, 0, "");

        HookAnswer Record(int status, string text, Delivery? with = null)
        {
            log.Add(app, (with ?? delivery) with { Status = status, Result = text });
            return new HookAnswer(status, text);
        }

        if (body is null)
            return Record(413, $"body over {HookLimits.BodyBytes / 1024 / 1024} MB");
        if (!SignatureCheck.IsValid(forge, header, body, hook.Secret))
            return Record(401, forge == Forge.GitLab ? "bad or missing X-Gitlab-Token" : $"bad or missing signature ({(forge == Forge.GitHub ? "X-Hub-Signature-256" : "X-Gitea-Signature")})");
        if (id is not null && !log.TryTake(app, id))
            return Record(200, "already handled");
        if (forge.PingEvent is { } ping && @event == ping)
            return Record(200, "pong");
        if (@event != forge.PushEvent)
            return Record(202, $"ignored: {delivery.Event}");
        PushEvent push;
        try
        {
            push = PushEvent.Parse(body);
        }
        catch (JsonException e)
        {
            return Record(400, $"malformed JSON: {Untrusted.Printable(e.Message.ReplaceLineEndings(" "), 120)}");
        }
        delivery = delivery with { Ref = Untrusted.Printable(push.Ref, 120), Revision = push.After };
        if (!push.Names(hook.Repo))
            return Record(202, $"ignored: another repository than {hook.Repo}");
        if (push.Ref != hook.BranchRef)
            return Record(202, $"ignored: {delivery.Ref} is not {hook.BranchRef}");
        if (push.IsDeletion)
            return Record(202, $"ignored: {hook.BranchRef} was deleted");
        delivery = delivery with { Id = id ?? "nap-" + Guid.NewGuid().ToString("N") };
        var answer = Record(202, $"deploying {ReleaseNames.Short(push.After)}");
        deploys.Enqueue(new HookDeploys.Job(app, hook, delivery.Id!, push.After));
        return answer;
    }
}
