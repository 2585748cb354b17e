using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>Who may do what with an app: admins everything, the owner and granted keys use it, only owners and admins grant.</summary>
public static class AccessPolicy
{
    public static bool CanUse(AppState app, Caller caller) =>
        caller.IsAdmin || app.Owner == caller.Key || app.Access.Contains(caller.Key);

    /// <summary>May <paramref name="caller"/> use environment <paramref name="slot"/> of <paramref name="app"/>: the app's keys reach all of them, a key granted one environment only that one.</summary>
    public static bool CanUse(AppState app, AppState slot, Caller caller) => CanUse(app, caller) || GrantedAlone(app, slot, caller.Key);

    /// <summary>Was <paramref name="key"/> granted environment <paramref name="slot"/> of <paramref name="app"/> alone (production: the app's ProductionAccess).</summary>
    public static bool GrantedAlone(AppState app, AppState slot, string key) =>
        (slot.Name == app.Name ? app.ProductionAccess : slot.Access).Contains(key);

    /// <summary>A key granted some environments of the app, asking for another: it knows the app, so the line names what it lacks.</summary>
    public static string LacksEnvironment(string app, string env, IReadOnlyList<string> granted, Caller caller) =>
        $"{app}: key {caller.Key} has no access to environment {env} (it may use {string.Join(", ", granted)} only; the app's owner grants more with access:add {app} {caller.Key} --env {env})";

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
