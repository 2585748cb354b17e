namespace Nap.Protocol.Tests;

public sealed class UntrustedSpecs
{
    [Theory]
    [InlineData("shop", "shop")]
    [InlineData("a\nforged line", "a?forged line")]
    [InlineData("\u001b[31mred", "?[31mred")]
    [InlineData("caf\u00e9", "caf?")]
    public void Text_is_echoed_on_one_line_without_control_characters(string text, string shown) =>
        Assert.Equal(shown, Untrusted.Printable(text));

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis() =>
        Assert.Equal(new string('x', 10) + "...", Untrusted.Printable(new string('x', 11), max: 10));
}
