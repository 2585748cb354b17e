using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>Who may do what with an app: admins everything, the owner and granted keys use it, only owners and admins grant.</summary>
public static class AccessPolicy
{
    public static bool CanUse(AppState app, Caller caller) =>
        caller.IsAdmin || app.Owner == caller.Key || app.Access.Contains(caller.Key);

    public static bool CanManage(AppState app, Caller caller) => caller.IsAdmin || app.Owner == caller.Key;

    public static string Denied(string app, Caller caller) => $"{app}: access denied for key {caller.Key}";
}
