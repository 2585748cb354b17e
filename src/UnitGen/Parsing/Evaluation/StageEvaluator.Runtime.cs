using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class StageEvaluator
{
    [GeneratedRegex(@"^[^:\s]+(:[^:\s]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    private void Expose(StageState stage, Instruction instruction)
    {
        var specs = Blank(instruction.Arguments).SelectMany(w => ShellLexer.ProcessWords(w, Escape, stage.Lookup)).ToList();
        if (specs.Count == 0)
            throw instruction.Error("needs at least one port, e.g. EXPOSE 8080 or EXPOSE 53/udp");

        var ports = stage.Config.Ports.ToList();
        foreach (var spec in specs)
            foreach (var port in PortSpec.Parse(spec) ?? throw instruction.Error($"\"{spec}\" is not a valid port/protocol; write PORT, PORT/tcp, PORT/udp, PORT/sctp or FIRST-LAST"))
                if (!ports.Contains(port))
                    ports.Add(port);
        stage.Config = stage.Config with { Ports = ports };
    }

    private void Volume(StageState stage, Instruction instruction)
    {
        var written = instruction.ExecForm ?? Blank(instruction.Arguments);
        if (written.Count == 0)
            throw instruction.Error("needs at least one path, e.g. VOLUME /data");

        var volumes = stage.Config.Volumes.ToList();
        foreach (var path in written.Select(w => Word(stage, w)))
        {
            if (path.Trim().Length == 0)
                throw instruction.Error("a path is empty; write VOLUME /data");
            if (!ContainerPath.IsAbsolute(path))
                throw instruction.Error($"\"{path}\" is not an absolute path; write /{path.TrimStart('.', '/')}");
            var clean = ContainerPath.Clean(path);
            if (!volumes.Contains(clean))
                volumes.Add(clean);
        }
        stage.Config = stage.Config with { Volumes = volumes };
    }

    private void User(StageState stage, Instruction instruction)
    {
        var unresolved = stage.Unresolved.Count;
        var user = Word(stage, instruction.Arguments);
        if (!UserPattern().IsMatch(user) && stage.Unresolved.Count > unresolved)
        {
            // USER $APP_UID with APP_UID from the base image: docker knows the value, nap does not.
            stage.Config = stage.Config with { User = null };
            return;
        }
        if (!UserPattern().IsMatch(user))
            throw instruction.Error($"\"{user}\" is not a valid user; write NAME, UID, NAME:GROUP or UID:GID");
        stage.Config = stage.Config with { User = user };
    }

    private void Workdir(StageState stage, Instruction instruction)
    {
        var path = Word(stage, instruction.Arguments);
        if (path.Trim().Length == 0)
            throw instruction.Error("needs a path, e.g. WORKDIR /app");
        stage.Config = stage.Config with { WorkDir = ContainerPath.Join(stage.Config.WorkDir ?? "/", path) };
    }

    private void StopSignal(StageState stage, Instruction instruction)
    {
        var signal = Word(stage, instruction.Arguments);
        if (!Signals.IsValid(signal))
            throw instruction.Error($"\"{signal}\" is not a signal; write a name like SIGTERM, SIGRTMIN+3, or a number from 1 to 64");
        stage.Config = stage.Config with { StopSignal = signal };
    }
}
