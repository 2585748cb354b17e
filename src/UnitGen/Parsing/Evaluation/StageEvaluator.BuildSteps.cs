using Nap.UnitGen.Model;
using Nap.UnitGen.RemoteAdds;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    private void OnBuild(StageState stage, Instruction instruction)
    {
        // An image built FROM this one runs the trigger (another app's too): refused here, where it is written.
        if (instruction.Trigger is { Name: InstructionNames.Run } run)
            RunFlags.Check(run);
        if (instruction.Trigger is { Name: InstructionNames.Add } add && Remote(stage, add) is { } source)
            throw instruction.Error($"ADD {Untrusted(source)} could have the engine of whoever builds FROM this image fetch a URL from the build host's own network, where napd cannot check it: ONBUILD ADD takes only local sources, with variables this Dockerfile defines");
        // Docker stores the trigger with its here-documents appended, so the image carries them.
        var trigger = instruction.Arguments + string.Concat(instruction.Heredocs.Select(h => "\n" + h.Content + h.Name));
        stage.Config = stage.Config with { OnBuild = [.. stage.Config.OnBuild, trigger] };
        stage.Triggers.Add(instruction.Trigger! with { Heredocs = instruction.Heredocs });
    }

    private void BuildStep(StageState stage, Instruction instruction)
    {
        if (instruction.Arguments.Length == 0)
            throw instruction.Error($"needs arguments, e.g. {Example(instruction.Name)}");
        IReadOnlyList<string> paths = [];
        var unresolved = new List<string>();
        if (instruction.Name == InstructionNames.Run)
            RunFlags.Check(instruction);
        else
        {
            // Docker splits the shell form of COPY/ADD on blanks only, then substitutes each word.
            var written = instruction.ExecForm ?? Blank(instruction.Arguments);
            if (written.Count < 2)
                throw instruction.Error($"needs a source and a destination, e.g. {Example(instruction.Name)}");
            if (HeredocWords.ParseOrNull(written[^1]) is not null)
                throw instruction.Error($"a heredoc cannot be the destination; name the file last, e.g. {instruction.Name} <<EOF /etc/motd");
            paths = written.Select((p, i) => HeredocWords.ParseOrNull(p) is not null ? p : i < written.Count - 1 ? Word(stage, p, unresolved) : Word(stage, p)).ToList();
        }

        AddReferences(stage, instruction);
        stage.Steps.Add(new BuildStep
        {
            Sources = paths.Count > 0 ? paths.Take(paths.Count - 1).ToList() : [],
            Destination = paths.Count > 0 ? paths[^1] : null,
            Line = instruction.Line,
            Instruction = instruction.Name,
            Flags = instruction.Flags.Select(f => KeyValuePair.Create(f.Name, ExpandFlag(stage, instruction, f))).ToList(),
            Arguments = instruction.Arguments,
            ExecForm = instruction.ExecForm,
            Heredocs = instruction.Heredocs.Select(h => new HeredocContent(h.Name, h.Content, h.Expand)).ToList(),
            UnresolvedInSources = unresolved.Distinct().ToList(),
        });
    }

    // A trigger's source as this stage substitutes it. The build FROM the image substitutes it again, with the base
    // image's environment too, so a variable nap cannot see could still make it a URL ("http$REST").
    private string? Remote(StageState stage, Instruction add)
    {
        var written = add.ExecForm ?? Blank(add.Arguments);
        return written.Take(written.Count - 1).FirstOrDefault(p =>
        {
            var unresolved = new List<string>();
            return HeredocWords.ParseOrNull(p) is null && (SourceKinds.IsRemote(Word(stage, p, unresolved)) || unresolved.Count > 0);
        });
    }

    private static string Untrusted(string text) => Nap.Protocol.Untrusted.Printable(text);

    // docker build substitutes COPY/ADD flag values (--from=$STAGE, --chown=$UID) but not RUN's.
    private string ExpandFlag(StageState stage, Instruction instruction, InstructionFlag flag) =>
        instruction.Name == InstructionNames.Run || flag.Value is null ? flag.Value ?? "true" : Word(stage, flag.Value);

    private static string Example(string name) => name switch
    {
        InstructionNames.Run => "RUN make install",
        InstructionNames.Copy => "COPY . /app",
        _ => "ADD app.tar.gz /app",
    };
}
