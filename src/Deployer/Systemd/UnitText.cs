using CliWrap;
using CliWrap.Buffered;

namespace Nap.Deployer.Systemd;

/// <summary>
/// `systemctl cat`: a unit's files as systemd reads them, drop-ins included, with the path of each, which
/// is what a sysadmin compares with. Only the `units` verb asks, never a push.
/// </summary>
public static class UnitText
{
    /// <returns>The text, or null when systemd knows no such unit.</returns>
    public static async Task<string?> CatAsync(string unit, CancellationToken ct)
    {
        var result = await Cli.Wrap("systemctl").WithArguments(["cat", "--no-pager", "--", unit])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(ct);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }
}
