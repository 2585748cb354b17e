namespace Nap.Protocol;

/// <summary>Where nap keeps things on a host. One place, so every part agrees.</summary>
public sealed record NapPaths(string DataDir, string ConfigDir, string RuntimeDir)
{
    public static NapPaths Default { get; } = new("/var/lib/nap", "/etc/nap", "/run/nap");

    /// <summary>Honours NAP_DATA_DIR / NAP_CONFIG_DIR / NAP_RUNTIME_DIR, for tests.</summary>
    public static NapPaths FromEnvironment() => new(
        Environment.GetEnvironmentVariable("NAP_DATA_DIR") ?? Default.DataDir,
        Environment.GetEnvironmentVariable("NAP_CONFIG_DIR") ?? Default.ConfigDir,
        Environment.GetEnvironmentVariable("NAP_RUNTIME_DIR") ?? Default.RuntimeDir);

    public string Socket => Path.Combine(RuntimeDir, "napd.sock");
    /// <summary>The forges' webhooks, over HTTP: root:www-data 0660, for nginx's workers (docs/DESIGN.md, "Webhooks").</summary>
    public string HooksSocket => Path.Combine(RuntimeDir, "hooks.sock");
    public string ConfigFile => Path.Combine(ConfigDir, "napd.json");
    public string AuthorizedKeys => Path.Combine(ConfigDir, "authorized_keys");

    /// <summary>The registry `nap registry init` set up (<see cref="RegistryRecord"/>); absent on a host without one.</summary>
    public string RegistryFile => Path.Combine(ConfigDir, "registry.json");
    /// <summary>The registry's CA, its key included (root 0700).</summary>
    public string RegistryCaDir => Path.Combine(ConfigDir, "registry-ca");
    /// <summary>napd's DOCKER_CONFIG for the registry: config.json with its credentials (root 0700).</summary>
    public string RegistryAuthDir => Path.Combine(ConfigDir, "registry-auth");
    public string RegistryAuthFile => Path.Combine(RegistryAuthDir, "config.json");

    public string ReposDir => Path.Combine(DataDir, "repos");
    /// <summary>The app's bare repository; an environment (APP.ENV) shares its app's.</summary>
    public string Repo(string app) => Path.Combine(ReposDir, AppSlot.AppOf(app) + ".git");

    public string AppsDir => Path.Combine(DataDir, "apps");
    public string App(string app) => Path.Combine(AppsDir, app);
    public string AppState(string app) => Path.Combine(App(app), "app.json");
    public string AppEnv(string app) => Path.Combine(App(app), "env");
    /// <summary>The app's certificate chain (chain.pem) and key (key.pem, 0600) from `certs:add`.</summary>
    public string Tls(string app) => Path.Combine(App(app), "tls");
    public string TlsChain(string app) => Path.Combine(Tls(app), "chain.pem");
    public string TlsKey(string app) => Path.Combine(Tls(app), "key.pem");
    /// <summary>The ACME client's own directory (0700): its accounts and the certificate of the run in progress.</summary>
    /// <summary>The pipelines admins store with steps:set, one NAME.json each, for app.json's "uses".</summary>
    public string PipelinesDir => Path.Combine(DataDir, "pipelines");

    public string AcmeDir => Path.Combine(DataDir, "acme");
    /// <summary>Where the ACME client writes HTTP-01 answers (.well-known/acme-challenge/TOKEN) and nginx's workers read them (0755).</summary>
    public string AcmeWebroot => Path.Combine(DataDir, "acme-webroot");
    /// <summary>The app's webhook (hooks:add), root-only 0700: hook.json with its secret, the deploy key, known_hosts, the delivery log.</summary>
    public string Hooks(string app) => Path.Combine(App(app), "hooks");
    public string Volumes(string app) => Path.Combine(App(app), "volumes");
    /// <summary>releases/N for release N (instance 1), releases/N.K for instance K of a scaled app.</summary>
    public string Releases(string app) => Path.Combine(App(app), "releases");
    public string Release(string app, int number) => Path.Combine(Releases(app), number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
