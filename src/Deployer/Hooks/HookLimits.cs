namespace Nap.Deployer.Hooks;

/// <summary>What one delivery may cost napd.</summary>
public static class HookLimits
{
    /// <summary>A push event with hundreds of commits is well under this; nginx (client_max_body_size 1m) and Kestrel both refuse more.</summary>
    public const long BodyBytes = 1024 * 1024;

    /// <summary>hooks:deliveries shows the last 50.</summary>
    public const int DeliveriesKept = 50;

    /// <summary>Deliveries refused unsigned or too large (401, 413) are kept apart, the last 20, and shown among the 50.</summary>
    public const int UnverifiedKept = 20;

    /// <summary>Delivery ids remembered to refuse replays: only signed deliveries add one, so no stranger can flush them.</summary>
    public const int IdsKept = 1000;
}
