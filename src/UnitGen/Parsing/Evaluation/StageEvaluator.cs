using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>
/// Dispatches instructions the way buildkit's dockerfile2llb does, without building anything:
/// global ARGs, then each stage's config (ENV, WORKDIR, CMD, ...), substitutions done.
/// </summary>
internal sealed partial class StageEvaluator
{
    private readonly DockerfileDocument _document;
    private readonly IReadOnlyDictionary<string, string> _buildArgs;
    private readonly Dictionary<string, string?> _globalArgs = PlatformArgs.Defaults();
    private readonly List<BuildStage> _stages = [];
    private readonly List<StageState> _finished = [];
    private StageState? _current;

    private StageEvaluator(DockerfileDocument document, IReadOnlyDictionary<string, string> buildArgs)
    {
        _document = document;
        _buildArgs = buildArgs;
    }

    private char Escape => _document.EscapeChar;

    public static IReadOnlyList<BuildStage> Evaluate(DockerfileDocument document, IReadOnlyDictionary<string, string> buildArgs)
    {
        var evaluator = new StageEvaluator(document, buildArgs);
        foreach (var instruction in document.Instructions)
            evaluator.Dispatch(instruction);
        return evaluator.Finish();
    }

    private IReadOnlyList<BuildStage> Finish()
    {
        if (_current is null)
        {
            var line = _document.Instructions.Count > 0 ? _document.Instructions[^1].Line : 1;
            throw new DockerfileException(line, null, "no FROM instruction; a Dockerfile starts with FROM IMAGE (only ARG may come before it)");
        }
        _stages.Add(_current.ToStage());
        return _stages;
    }

    private void Dispatch(Instruction instruction)
    {
        try
        {
            if (instruction.Name == InstructionNames.From)
                From(instruction);
            else if (_current is null)
                BeforeFrom(instruction);
            else
                InStage(_current, instruction);
        }
        catch (ExpansionException e)
        {
            throw instruction.Error(e.Message);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw instruction.Error("a ${VAR#pattern}-style substitution takes too long; simplify its pattern");
        }
    }

    private void BeforeFrom(Instruction instruction)
    {
        if (instruction.Name != InstructionNames.Arg)
            throw instruction.Error("comes before any FROM; only ARG may precede the first FROM, so add FROM IMAGE above it");
        DeclareArgs(instruction, _globalArgs, name => _globalArgs.GetValueOrDefault(name), inherit: null);
    }

    private void InStage(StageState stage, Instruction instruction)
    {
        switch (instruction.Name)
        {
            case InstructionNames.Arg:
                DeclareArgs(instruction, stage.Args, stage.Lookup, _globalArgs);
                break;
            case InstructionNames.Env:
                Env(stage, instruction);
                break;
            case InstructionNames.Label:
                Label(stage, instruction);
                break;
            case InstructionNames.Maintainer:
                Maintainer(stage, instruction);
                break;
            case InstructionNames.Expose:
                Expose(stage, instruction);
                break;
            case InstructionNames.Volume:
                Volume(stage, instruction);
                break;
            case InstructionNames.User:
                User(stage, instruction);
                break;
            case InstructionNames.Workdir:
                Workdir(stage, instruction);
                break;
            case InstructionNames.StopSignal:
                StopSignal(stage, instruction);
                break;
            case InstructionNames.Cmd:
                Cmd(stage, instruction);
                break;
            case InstructionNames.Entrypoint:
                Entrypoint(stage, instruction);
                break;
            case InstructionNames.Shell:
                Shell(stage, instruction);
                break;
            case InstructionNames.Healthcheck:
                Healthcheck(stage, instruction);
                break;
            case InstructionNames.Onbuild:
                OnBuild(stage, instruction);
                break;
            case InstructionNames.Run or InstructionNames.Copy or InstructionNames.Add:
                BuildStep(stage, instruction);
                break;
            default:
                throw instruction.Error("is not handled by nap; please report this Dockerfile");
        }
    }

    private string Word(StageState stage, string text) => ShellLexer.ProcessWord(text, Escape, stage.Lookup);

    /// <summary>The word substituted, with the names nothing defined added to <paramref name="unresolved"/>.</summary>
    private string Word(StageState stage, string text, List<string> unresolved) =>
        ShellLexer.ProcessWord(text, Escape, name => stage.Lookup(name) ?? Missing(unresolved, name));

    private static string? Missing(List<string> unresolved, string name)
    {
        unresolved.Add(name);
        return null;
    }

    private static IReadOnlyList<string> Blank(string text) =>
        text.Split([' ', '\t', '\v', '\f', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
