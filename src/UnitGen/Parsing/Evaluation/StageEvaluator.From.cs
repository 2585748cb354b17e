using System.Text.RegularExpressions;
using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    [GeneratedRegex("^[a-z][a-z0-9-_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StageNamePattern();

    private void From(Instruction instruction)
    {
        var words = Blank(instruction.Arguments);
        string? name = null;
        if (words.Count == 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase))
        {
            name = words[2].ToLowerInvariant();
            if (!StageNamePattern().IsMatch(name))
                throw instruction.Error($"\"{words[2]}\" is not a valid stage name; start with a letter, then letters, digits, '-', '_' or '.'");
            if (_stages.Any(s => s.Name == name) || _current?.Name == name)
                throw instruction.Error($"a stage named \"{name}\" already exists; give this one another name");
        }
        else if (words.Count != 1)
            throw instruction.Error("needs an image and an optional stage name: FROM IMAGE [AS NAME]");

        var image = ShellLexer.ProcessWord(words[0], Escape, GlobalLookup);
        if (image.Length == 0)
            throw instruction.Error($"the image \"{words[0]}\" is empty after substitution; give the ARG a default or pass it as a build argument");

        var platform = instruction.Flags.LastOrDefault(f => f.Name == "platform")?.Value is { } p
            ? ShellLexer.ProcessWord(p, Escape, GlobalLookup)
            : null;

        if (_current is not null)
        {
            _stages.Add(_current.ToStage());
            _finished.Add(_current);
        }

        _current = new StageState(_stages.Count, instruction.Line, name, platform, BaseConfig(image));
        _current.References.Add(Reference(instruction, "", [words[0], image]));
        foreach (var trigger in Parent(image)?.Triggers ?? [])
            Dispatch(trigger);
    }

    private StageState? Parent(string image) =>
        _finished.LastOrDefault(s => string.Equals(s.Name, image, StringComparison.OrdinalIgnoreCase));

    private string? GlobalLookup(string name) => _globalArgs.GetValueOrDefault(name);

    // FROM an earlier stage starts from that stage's config, and docker runs that stage's ONBUILD triggers first.
    private ImageConfig BaseConfig(string image)
    {
        var parent = Parent(image);
        return parent is null
            ? new ImageConfig { BaseImage = image }
            : _stages[parent.Index].Config with { BaseImage = image, OnBuild = [] };
    }
}
