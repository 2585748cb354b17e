namespace Nap.UnitGen.Model;

/// <summary>
/// A place where a Dockerfile names an image or a stage: a FROM, a COPY --from, a RUN --mount's from=.
/// Docker's versions read such a value differently (20.10 takes COPY --from as written, later ones refuse a
/// substitution there; RUN --mount's values are unquoted in one and expanded in another), so it comes with every
/// reading: a check holds only if it holds for each.
/// </summary>
/// <param name="Flag">"" for FROM, "--from" for COPY, "--mount from" for RUN.</param>
/// <param name="Readings">As written first, then what substitution makes of it, without repeats.</param>
public sealed record ImageReference(int Line, string Instruction, string Flag, IReadOnlyList<string> Readings)
{
    public string Written => Readings[0];
}
