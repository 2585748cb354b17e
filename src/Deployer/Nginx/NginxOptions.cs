namespace Nap.Deployer.Nginx;

/// <summary>Where napd writes the apps' files and how it talks to nginx.</summary>
/// <param name="ConfDir">A directory nginx.conf includes as *.conf (Debian: /etc/nginx/conf.d).</param>
/// <param name="ConfigFile">nginx's main file for `-c`; null for nginx's own default.</param>
/// <param name="Reload">argv that makes the running nginx pick up the files; empty to skip (nginx not running).</param>
public sealed record NginxOptions(string ConfDir, string Binary = "nginx", string? ConfigFile = null)
{
    public static NginxOptions Debian { get; } = new("/etc/nginx/conf.d") { Reload = ["systemctl", "reload", "nginx"] };

    public IReadOnlyList<string> Reload { get; init; } = [];

    public IReadOnlyList<string> TestArguments => ConfigFile is null ? ["-t", "-q"] : ["-t", "-q", "-c", ConfigFile];

    public NginxOptions WithReload(params IReadOnlyList<string> argv) => this with { Reload = argv };
}
