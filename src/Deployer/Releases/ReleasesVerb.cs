using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>`releases APP [--json]`: every release, newest first, with who pushed what and how it ended.</summary>
public sealed class ReleasesVerb(AppDoor door) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "releases";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (!context.Json && AppSlot.IsEnvironment(app.Name))
            await context.Reply.OutAsync($"=== {AppSlot.AppOf(app.Name)}, environment {AppSlot.EnvOf(app.Name)}");
        IReadOnlyList<ReleaseLine> lines = app.Releases.OrderByDescending(r => r.Number)
            .Select(r => new ReleaseLine(r.Number, r.Revision, r.Key, r.Time, r.Result.ToString(), r.Number == app.CurrentRelease, r.Port, r.Detail, r.Tag)
                { Environment = AppSlot.EnvOf(app.Name), Note = r.Note, Image = r.Image })
            .ToArray();
        if (context.Json)
            return await context.Reply.JsonAsync(lines, ReleasesJson.Default.IReadOnlyListReleaseLine);
        foreach (var r in lines)
            await context.Reply.OutAsync(string.Format(CultureInfo.InvariantCulture, "{0}{1,4}  {2}  {3:yyyy-MM-dd HH:mm:ss}  {4,-12} {5,-23}  {6}{7}",
                r.Current ? "*" : " ", r.Number, ReleaseNames.Short(r.Revision), r.Time.UtcDateTime, r.Result, r.Tag ?? "-", r.Key, (r.Detail is null ? "" : "  " + r.Detail) + (r.Note is null ? "" : "  (" + r.Note + ")")));
        return 0;
    }
}
