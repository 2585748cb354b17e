namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>A substitution the shell lexer cannot do; the evaluator adds the instruction and line.</summary>
internal sealed class ExpansionException(string detail) : Exception(detail);
