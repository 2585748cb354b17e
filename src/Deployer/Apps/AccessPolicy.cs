using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>Who may do what with an app: admins everything, the owner and granted keys use it, only owners and admins grant.</summary>
public static class AccessPolicy
{
    public static bool CanUse(AppState app, Caller caller) =>
        caller.IsAdmin || app.Owner == caller.Key || app.Access.Contains(caller.Key);

    public static bool CanManage(AppState app, Caller caller) => caller.IsAdmin || app.Owner == caller.Key;

    /// <summary>A push to an app another key owns: the name is taken, which a push cannot hide (names are global).</summary>
    public static string Denied(string app, Caller caller) => $"{app}: access denied for key {caller.Key}";

    /// <summary>
    /// What a verb answers for an app the caller may not use, and for one that does not exist: the same line, so a
    /// key learns nothing of other keys' apps from it.
    /// </summary>
    public static string NotYours(string app, Caller caller) =>
        $"{app}: no such app for key {caller.Key} (a new app is made by its first push: git push nap@HOST:{app} master)";
}
