using Nap.Deployer.Instances;

namespace Nap.Deployer.Releases;

/// <summary>One step of a rolling release: start <see cref="Start"/> (if any), then nginx serves exactly <see cref="Serving"/>, then <see cref="Retire"/> drains and stops.</summary>
public sealed record RollingStep(AppInstance? Start, IReadOnlyList<AppInstance> Serving, IReadOnlyList<AppInstance> Retire);

/// <summary>
/// The order in which a release with N instances replaces the running ones: new instance i starts on its
/// own port, and once healthy takes old instance i's place in nginx; old i drains and stops before new i+1
/// starts. nginx never serves fewer than N healthy instances, and never more than one extra runs.
/// </summary>
public static class RollingPlan
{
    public static IReadOnlyList<RollingStep> Forward(IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh) =>
        [.. fresh.Select((instance, i) => i == fresh.Count - 1
            ? new RollingStep(instance, [.. fresh], [.. old.Skip(i)])
            : new RollingStep(instance, [.. fresh.Take(i + 1), .. old.Skip(i + 1)], [.. old.Skip(i).Take(1)]))];

    /// <summary>
    /// Undoes the first <paramref name="done"/> forward steps, newest first: old instance j starts again and
    /// takes new instance j's place. Where there was no old instance j, new j just leaves nginx.
    /// </summary>
    public static IReadOnlyList<RollingStep> Back(IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh, int done) =>
        [.. Enumerable.Range(0, done).Reverse().Select(j =>
            new RollingStep(j < old.Count ? old[j] : null, [.. fresh.Take(j), .. old.Skip(j)], [fresh[j]]))];
}
