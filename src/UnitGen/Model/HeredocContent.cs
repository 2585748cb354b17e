namespace Nap.UnitGen.Model;

/// <summary>A here-document's name and body (leading tabs already removed for &lt;&lt;-); Expand is false for a quoted delimiter.</summary>
public sealed record HeredocContent(string Name, string Content, bool Expand);
