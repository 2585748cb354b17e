namespace Nap.Deployer.Apps;

/// <summary>Review apps of an app (`envs:review APP on --ttl 7d`): how long a review environment lives after its branch's last push.</summary>
public sealed record ReviewApps(long TtlSeconds)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(7);

    public TimeSpan Ttl => TimeSpan.FromSeconds(TtlSeconds);
}
