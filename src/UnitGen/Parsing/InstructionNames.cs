namespace Nap.UnitGen.Parsing;

/// <summary>The instructions of the Dockerfile reference.</summary>
public static class InstructionNames
{
    public const string Add = "ADD";
    public const string Arg = "ARG";
    public const string Cmd = "CMD";
    public const string Copy = "COPY";
    public const string Entrypoint = "ENTRYPOINT";
    public const string Env = "ENV";
    public const string Expose = "EXPOSE";
    public const string From = "FROM";
    public const string Healthcheck = "HEALTHCHECK";
    public const string Label = "LABEL";
    public const string Maintainer = "MAINTAINER";
    public const string Onbuild = "ONBUILD";
    public const string Run = "RUN";
    public const string Shell = "SHELL";
    public const string StopSignal = "STOPSIGNAL";
    public const string User = "USER";
    public const string Volume = "VOLUME";
    public const string Workdir = "WORKDIR";

    public static IReadOnlyList<string> All { get; } =
    [
        Add, Arg, Cmd, Copy, Entrypoint, Env, Expose, From, Healthcheck, Label,
        Maintainer, Onbuild, Run, Shell, StopSignal, User, Volume, Workdir,
    ];

    /// <summary>Instructions whose arguments may be a JSON array.</summary>
    internal static bool AcceptsJson(string name) =>
        name is Add or Copy or Cmd or Entrypoint or Run or Shell or Volume;

    internal static bool AcceptsHeredoc(string name) => name is Run or Copy or Add;
}
