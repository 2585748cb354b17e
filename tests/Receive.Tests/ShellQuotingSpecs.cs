namespace Nap.Receive.Tests;

public class ShellQuotingSpecs
{
    [Theory]
    [InlineData("status myapp", new[] { "status", "myapp" })]
    [InlineData("  status   myapp  ", new[] { "status", "myapp" })]
    [InlineData("git-receive-pack 'myapp'", new[] { "git-receive-pack", "myapp" })]
    [InlineData("config:set app \"A=one two\"", new[] { "config:set", "app", "A=one two" })]
    [InlineData("config:set app A='it'\\''s'", new[] { "config:set", "app", "A=it's" })]
    [InlineData("config:set app 'a'\"b\"c", new[] { "config:set", "app", "abc" })]
    [InlineData("config:set app A=\\$HOME", new[] { "config:set", "app", "A=$HOME" })]
    [InlineData("config:set app \"A=\\\"q\\\" \\$x \\n\"", new[] { "config:set", "app", "A=\"q\" $x \\n" })]
    [InlineData("config:set app ''", new[] { "config:set", "app", "" })]
    public void Words_are_split_by_quotes_and_backslashes_like_a_POSIX_shell(string text, string[] expected) =>
        Assert.Equal(expected, ShellWords.Split(text, out _));

    [Theory]
    [InlineData("status $(id)", "$(id)")]
    [InlineData("status `id`", "`id`")]
    [InlineData("status a;id", "a;id")]
    [InlineData("status a|id", "a|id")]
    [InlineData("status a&&id", "a&&id")]
    [InlineData("status $HOME", "$HOME")]
    [InlineData("status ~", "~")]
    [InlineData("status *", "*")]
    [InlineData("status \"$(id)\"", "$(id)")]
    public void Nothing_is_expanded_or_treated_as_an_operator(string text, string literal) =>
        Assert.Equal(["status", literal], ShellWords.Split(text, out _));

    [Theory]
    [InlineData("status 'myapp", "single quote is not closed")]
    [InlineData("status \"myapp", "double quote is not closed")]
    [InlineData("status myapp\\", "ends with a backslash")]
    public void A_command_with_an_open_quote_cannot_be_read(string text, string reason)
    {
        Assert.Null(ShellWords.Split(text, out var error));
        Assert.Contains(reason, error);
    }
}
