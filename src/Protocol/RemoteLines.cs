namespace Nap.Protocol;

/// <summary>
/// The prefixes of what napd tells a client, in Heroku's style, which git shows after "remote:":
/// a step begins, the result, a problem, and indented detail (build output, a certificate's fields).
/// </summary>
public static class RemoteLines
{
    public const string StepPrefix = "-----> ";
    public const string DonePrefix = "=====> ";
    public const string ProblemPrefix = " !     ";
    public const string Indent = "       ";

    public static string Step(string text) => StepPrefix + text;

    public static string Done(string text) => DonePrefix + text;

    public static string Problem(string text) => ProblemPrefix + text;

    public static string Detail(string text) => Indent + text;
}
