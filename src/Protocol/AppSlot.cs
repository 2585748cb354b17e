namespace Nap.Protocol;

/// <summary>
/// The internal name of an app's environment: production is the app itself (APP), any other environment ENV is
/// APP.ENV. App names have no '.', so a slot is no app's name, and its units, containers, images, network and nginx
/// file (all named after it) are no app's either.
/// </summary>
public static class AppSlot
{
    public static string Of(string app, string? env) => env is null or EnvName.Production ? app : app + "." + env;

    /// <summary>The app a slot belongs to (the slot itself for production).</summary>
    public static string AppOf(string slot) => slot.IndexOf('.') is var dot and >= 0 ? slot[..dot] : slot;

    /// <summary>The environment's name: production for the app itself.</summary>
    public static string EnvOf(string slot) => slot.IndexOf('.') is var dot and >= 0 ? slot[(dot + 1)..] : EnvName.Production;

    public static bool IsEnvironment(string slot) => slot.Contains('.');

    /// <summary>The DNS name under napd.json's baseDomain: APP, or ENV.APP.</summary>
    public static string Host(string slot) => IsEnvironment(slot) ? EnvOf(slot) + "." + AppOf(slot) : slot;

    /// <summary>Null when <paramref name="slot"/> is an app's name or APP.ENV, else the one-line reason.</summary>
    public static string? Validate(string? slot)
    {
        if (slot is null || !IsEnvironment(slot))
            return AppName.Validate(slot);
        return AppName.Validate(AppOf(slot)) ?? EnvName.Validate(EnvOf(slot)) ?? (EnvOf(slot) == EnvName.Production ? "production is the app itself, not APP.production" : null);
    }

    public static bool IsValid(string? slot) => Validate(slot) is null;

    /// <summary>A verb's arguments for the slot: APP, then --env ENV for an environment.</summary>
    public static IReadOnlyList<string> Args(string slot) => IsEnvironment(slot) ? [AppOf(slot), "--env", EnvOf(slot)] : [slot];
}
