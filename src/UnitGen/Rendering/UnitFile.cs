namespace Nap.UnitGen.Rendering;

/// <summary>A rendered unit: its file name (e.g. nap-web@.service) and its text.</summary>
public sealed record UnitFile(string Name, string Content);
