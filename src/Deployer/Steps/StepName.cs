using System.Text.RegularExpressions;

namespace Nap.Deployer.Steps;

/// <summary>
/// A step's name: it heads the step's output and names the step in a refusal, so it is a short word nap can print as
/// is: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 40 characters.
/// </summary>
public static partial class StepName
{
    public const int MaxLength = 40;

    /// <summary>The names nap gives app.json's scripts; a step of `steps` may not take them.</summary>
    public const string Predeploy = "predeploy", Postdeploy = "postdeploy";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
