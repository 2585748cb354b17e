namespace Nap.Host.Tests;

/// <summary>
/// The classes scripts/test.sh runs a second time on Debian 13 hosts (NAP_HOST_DISTRO=trixie, `--filter Pass=Debian13`):
/// a new user's install and push, rollback, faults, hostile commands, what a build reaches (another engine there). The whole suite runs on Debian 12.
/// </summary>
public static class Debian13Pass
{
    public const string Trait = "Pass";
    public const string Included = "Debian13";
}
