namespace Nap.UnitGen.Rendering;

public enum UnitFlavor
{
    Systemd,

    /// <summary>The same units plus an [X-Fleet] section for clusters that schedule units across machines.</summary>
    Fleet,
}
