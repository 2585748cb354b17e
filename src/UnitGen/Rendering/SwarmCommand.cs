namespace Nap.UnitGen.Rendering;

/// <summary>A <see cref="SwarmService"/> as the `docker service create` that makes the same service.</summary>
public static class SwarmCommand
{
    /// <summary>The words after "docker" (argv, no shell between): service create, the flags, the image last.</summary>
    public static IReadOnlyList<string> Arguments(SwarmService service) => SwarmRows.Arguments(service);

    /// <summary>
    /// For a shell, one flag a line: the notes as comments, the bind sources created first (the engine refuses a
    /// missing one), then the command, every word quoted so the shell hands it to docker unchanged.
    /// </summary>
    public static string Script(SwarmService service)
    {
        var lines = service.Notes.Select(note => "# " + note).ToList();
        if (service.Mounts.Count > 0)
            lines.Add(string.Join(' ', ["mkdir", "-p", .. service.Mounts.Select(m => ShellQuoting.Word(m.Source))]));
        var words = Arguments(service);
        lines.Add($"docker {words[0]} {words[1]} \\");
        lines.AddRange(words.Skip(2).SkipLast(1).Select(word => $"  {ShellQuoting.Word(word)} \\"));
        lines.Add($"  {ShellQuoting.Word(words[^1])}");
        return string.Join('\n', lines) + "\n";
    }
}
