namespace Nap.Protocol;

/// <summary>
/// The ssh verbs (`ssh nap@host VERB ARGS`). nap-receive lets only these through; napd serves them.
/// </summary>
public static class Verbs
{
    /// <param name="TakesInput">The verb reads its client's stdin (at most <see cref="MaxInputBytes"/>); no other verb waits on it.</param>
    /// <param name="InputOption">The verb reads stdin only when this option is given "-" as its value (hooks:add --status-token -).</param>
    public sealed record Verb(string Name, string Usage, string Summary, bool TakesJson = false, bool TakesInput = false, string? InputOption = null)
    {
        /// <summary>Whether this request of the verb reads its client's stdin.</summary>
        public bool ReadsInput(IReadOnlyList<string> args) =>
            TakesInput || InputOption is { } option && Enumerable.Range(0, Math.Max(0, args.Count - 1)).Any(i => args[i] == option && args[i + 1] == "-");
    }

    /// <summary>
    /// napd's verb for the pre-receive hook (the ref updates of a push): not an ssh verb, so nap-receive never
    /// forwards it from a client; only the hook, running under git-receive-pack, sends it.
    /// </summary>
    public const string Receive = "receive";

    /// <summary>
    /// napd's verb for the certificate renewal timer (`nap certs renew`, root on the host): renews every automatic
    /// certificate that is due. Not an ssh verb either.
    /// </summary>
    public const string RenewDueCertificates = "certs:renew-due";

    /// <summary>Far above a certificate chain with its key; stdin is held in memory and sent in one request line.</summary>
    public const int MaxInputBytes = 64 * 1024;

    public static IReadOnlyList<Verb> All { get; } =
    [
        new("help", "help", "this list"),
        new("apps", "apps [--json]", "the apps you can reach", TakesJson: true),
        new("status", "status APP [--json]", "state, release, revision, address and health", TakesJson: true),
        new("logs", "logs APP [-n N] [-f]", "the app's log from journald"),
        new("units", "units APP", "the systemd units as installed"),
        new("releases", "releases APP [--json]", "the app's releases", TakesJson: true),
        new("rollback", "rollback APP [N]", "run release N again (default: the one before)"),
        new("images", "images APP [--json]", "the app's dated images (in the registry if the host has one): tag, size, releases", TakesJson: true),
        new("deploy", "deploy APP [REV]", "build and release a revision already pushed"),
        new("config", "config APP [--json]", "the app's environment", TakesJson: true),
        new("config:set", "config:set APP K=V...", "set environment values and restart"),
        new("config:unset", "config:unset APP K...", "remove environment values and restart"),
        new("config:secret", "config:secret APP NAME [--length N]", "set NAME to a generated password"),
        new("start", "start APP", "start the current release"),
        new("stop", "stop APP", "stop the app"),
        new("restart", "restart APP", "restart the current release"),
        new("ps", "ps APP [--json]", "the app's instances: unit, port and state", TakesJson: true),
        new("ps:scale", "ps:scale APP N", "run N instances behind nginx (0 stops the app)"),
        new("resources:set", "resources:set APP memory=256M cpus=0.5", "container limits"),
        new("domains", "domains APP [--json]", "the app's domains", TakesJson: true),
        new("domains:add", "domains:add APP DOMAIN...", "route domains to the app"),
        new("domains:remove", "domains:remove APP DOMAIN...", "stop routing domains to the app"),
        new("nginx:set", "nginx:set APP client-max-body-size [SIZE]", "the largest request body nginx passes to the app (no SIZE: the host's default)"),
        new("access", "access APP [--json]", "the keys that may push the app, each with its environments", TakesJson: true),
        new("access:add", "access:add APP KEY", "let another key push the app: every environment (with --env ENV, production too: that one only)"),
        new("access:remove", "access:remove APP KEY", "take a key's access away: from every environment (with --env ENV: that one only)"),
        new("certs", "certs APP [--json]", "the app's TLS certificate", TakesJson: true),
        new("certs:add", "certs:add APP < bundle.pem", "serve the app's domains over https with this certificate and key", TakesInput: true),
        new("certs:remove", "certs:remove APP", "stop serving https for the app"),
        new("certs:auto", "certs:auto APP [--email E] [--redirect]", "a certificate from ACME (Let's Encrypt) that renews itself; 'certs:auto APP off': http only"),
        new("certs:renew", "certs:renew APP [--force]", "renew the app's automatic certificate now if due (--force: at once)"),
        new("steps", "steps [--json]", "the pipelines stored on this host, for app.json's \"uses\"", TakesJson: true),
        new("steps:show", "steps:show NAME", "a stored pipeline"),
        new("steps:set", "steps:set NAME < pipe.json", "store a pipeline of steps for app.json's \"uses\" (admin keys)", TakesInput: true),
        new("steps:remove", "steps:remove NAME", "remove a stored pipeline (admin keys)"),
        new("hooks", "hooks APP [--json]", "the app's webhook: forge, repository, branch, URL and deploy key (never the secret)", TakesJson: true),
        new("hooks:add", "hooks:add APP --forge github|gitea|gitlab --repo SSH_URL [--branch B] [--status-token - < token]", "deploy from a forge's webhook: prints the URL, secret and deploy key to enter there", InputOption: "--status-token"),
        new("hooks:remove", "hooks:remove APP", "remove the app's webhook and deploy key"),
        new("hooks:deliveries", "hooks:deliveries APP [--json]", "the webhook's last 50 deliveries and what became of them", TakesJson: true),
        new("envs", "envs APP [--json]", "the app's environments: branch, release, address", TakesJson: true),
        new("envs:add", "envs:add APP ENV --branch BRANCH", "a new environment that pushes to BRANCH deploy (APP VERB --env ENV acts on it)"),
        new("envs:remove", "envs:remove APP ENV", "stop and remove an environment (not production)"),
        new("envs:review", "envs:review APP on|off [--ttl 7d]", "review apps: every other branch pushed deploys an environment of its own"),
        new("promote", "promote APP FROM TO", "run in TO the image FROM runs now, without a build"),
        new("destroy", "destroy APP --force", "remove the app, its releases and its repository"),
        new("cluster:init", "cluster:init", "make this host a Swarm manager, once a registry is set up (admin keys; nap cluster init on the host)"),
        new("nodes", "nodes [--json]", "the cluster's nodes: address, role, state, labels and the apps on each (admin keys)", TakesJson: true),
        new("nodes:label", "nodes:label NODE K=V...", "set a node's labels for placement; K= removes K (admin keys)"),
        new("nodes:remove", "nodes:remove NODE", "drain a worker, then remove it from the cluster (admin keys)"),
        new("nodes:join-command", "nodes:join-command", "the line a new machine runs to join the cluster as a worker (admin keys)"),
    ];

    public static Verb? Find(string name) => All.FirstOrDefault(v => v.Name == name);

    /// <summary>The short list shown with every refusal.</summary>
    public static string ShortHelp =>
        "Usage: git push nap@HOST:APP master, or ssh nap@HOST COMMAND (--env ENV: an environment of APP; default production):\n"
        + string.Join("\n", All.Select(v => $"  {v.Usage,-40} {v.Summary}"));
}
