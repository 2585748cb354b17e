namespace Nap.UnitGen.Parsing;

/// <summary>
/// A here-document of RUN, COPY or ADD. Content keeps its newlines; for &lt;&lt;- the leading tabs
/// of each line are already gone. A quoted delimiter (&lt;&lt;"EOF") turns expansion off.
/// </summary>
public sealed record Heredoc(string Name, string Content, bool Expand, bool StripTabs, int FileDescriptor = 0);
