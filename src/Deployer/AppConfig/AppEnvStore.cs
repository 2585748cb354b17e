using Nap.Deployer.Docker;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// apps/APP/env: the app's config in docker's env-file format, root-only (0600), written atomically.
/// Values never leave this class except into that file and the `config` verb's answer.
/// </summary>
public sealed class AppEnvStore(NapPaths paths)
{
    public string PathOf(string app) => paths.AppEnv(app);

    public IReadOnlyList<KeyValuePair<string, string>> Read(string app) => EnvFile.Read(PathOf(app));

    /// <summary>Sets the values (validated first: nothing is written unless all are valid), keeping the others in order.</summary>
    public void Set(string app, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values)
            if ((EnvVar.ValidateName(name) ?? EnvVar.ValidateValue(name, value)) is { } error)
                throw new ArgumentException(error);
        var merged = Read(app).ToList();
        foreach (var (name, value) in values)
        {
            var at = merged.FindIndex(kv => kv.Key == name);
            if (at >= 0)
                merged[at] = KeyValuePair.Create(name, value);
            else
                merged.Add(KeyValuePair.Create(name, value));
        }
        Write(app, merged);
    }

    /// <returns>The names that were set and are now gone.</returns>
    public IReadOnlyList<string> Unset(string app, IReadOnlyCollection<string> names)
    {
        var current = Read(app);
        var removed = current.Select(kv => kv.Key).Where(names.Contains).ToArray();
        if (removed.Length > 0)
            Write(app, current.Where(kv => !names.Contains(kv.Key)).ToArray());
        return removed;
    }

    /// <summary>Puts back what <see cref="Read"/> gave (a config change whose release failed).</summary>
    public void Replace(string app, IReadOnlyList<KeyValuePair<string, string>> values) => Write(app, values);

    // Created 0600, never chmod-ed after: there is no moment when another user could read a secret.
    void Write(string app, IReadOnlyList<KeyValuePair<string, string>> values) =>
        PrivateFile.Write(PathOf(app), string.Concat(values.Select(kv => $"{kv.Key}={kv.Value}\n")));
}
