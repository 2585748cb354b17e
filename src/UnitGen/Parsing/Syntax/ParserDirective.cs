namespace Nap.UnitGen.Parsing;

/// <summary>`# name=value` at the very top of a Dockerfile; Name is lower case.</summary>
public sealed record ParserDirective(string Name, string Value, int Line);
