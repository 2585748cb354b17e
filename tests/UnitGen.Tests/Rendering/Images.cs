using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>Images as the parser would return them, for specs that test rendering alone.</summary>
static class Images
{
    public static ImageConfig Web { get; } = new()
    {
        BaseImage = "local/busybox:latest",
        Ports = [new(8080)],
        Command = ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"],
        Cmd = ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"],
    };

    public static UnitOptions Options(string app = "web") => new()
    {
        App = app,
        Revision = "0123456789abcdef0123456789abcdef01234567",
        ContextDir = "/var/lib/nap/apps/web/releases/1/src",
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    /// <summary>Exec-time expansion of what the dump shows: nap writes every literal '$' as "$$".</summary>
    public static string AtExec(string argument) => argument.Replace("$$", "$");
}
