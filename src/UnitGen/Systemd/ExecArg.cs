namespace Nap.UnitGen.Systemd;

/// <summary>
/// One word of an Exec command line. A literal is quoted so systemd hands it to the program
/// unchanged; a template word is written as is because nap means its <c>%i</c> or
/// <c>${NAP_PORT}</c> to be expanded, so only nap's own constants may be templates.
/// </summary>
public readonly record struct ExecArg
{
    ExecArg(string text, bool isTemplate) => (Text, IsTemplate) = (text, isTemplate);

    public string Text { get; }
    public bool IsTemplate { get; }

    public static ExecArg Literal(string value) => new(value, false);

    /// <summary>nap's own words with specifiers or variables; rejects anything that would need quoting.</summary>
    public static ExecArg Template(string text) =>
        text.Length > 0 && text.All(SystemdQuoting.IsTemplateChar)
            ? new(text, true)
            : throw new ArgumentException($"'{text}' is not a valid Exec template word", nameof(text));

    public static implicit operator ExecArg(string value) => Literal(value);

    public string ToSystemd() => IsTemplate ? Text : SystemdQuoting.ExecArgument(Text);
}
