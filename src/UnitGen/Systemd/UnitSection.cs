namespace Nap.UnitGen.Systemd;

/// <summary>One [Section] of a unit file; values are already in systemd's syntax.</summary>
public sealed record UnitSection(string Name, IReadOnlyList<KeyValuePair<string, string>> Entries)
{
    public UnitSection(string name) : this(name, []) { }

    public UnitSection With(string key, string value) =>
        this with { Entries = [.. Entries, new(key, value)] };

    public UnitSection WithIf(bool condition, string key, string value) =>
        condition ? With(key, value) : this;

    public UnitSection WithExec(string key, IEnumerable<ExecArg> words) =>
        With(key, SystemdQuoting.ExecLine(words));
}
