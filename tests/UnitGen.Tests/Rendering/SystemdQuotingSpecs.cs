using Nap.UnitGen.Rendering;
using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Tests.Rendering;

public class SystemdQuotingSpecs
{
    public static TheoryData<string> Hostile() =>
    [
        "plain",
        "two words",
        "",
        " leading and trailing ",
        "line\nExecStartPre=/bin/rm -rf /",
        "carriage\rreturn",
        "%i %n %% %",
        "$HOME ${PATH} $$ $",
        ";",
        "\\;",
        "a ; b",
        "back\\slash",
        "ends in a backslash\\",
        "\"double\" 'single'",
        "tab\tbell\a",
        "\u0001\u001f\u007f",
        "\u0085 next line",
        "héllo wörld 🎉",
        "--privileged",
        "-v=/:/host",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_quoted_value_reaches_the_program_as_exactly_one_unchanged_argument(string value)
    {
        var unit = new UnitDocument()
            .With(new UnitSection("Unit").With("Description", "quoting"))
            .With(new UnitSection("Service").WithExec("ExecStart", ["/usr/bin/docker", "run", value, "last"]));
        using var units = new TempUnits([new UnitFile("quoting.service", unit.ToString())]);
        var path = Path.Combine(units.Dir, "quoting.service");

        Assert.Equal("", SystemdAnalyze.Verify(path));
        var argv = SystemdAnalyze.CommandLines(path)["ExecStart"].Select(Images.AtExec);
        Assert.Equal(["/usr/bin/docker", "run", value, "last"], argv);
    }

    [Theory]
    [InlineData("plain-word_1.2/x:y=z,a+b@c", "plain-word_1.2/x:y=z,a+b@c")]
    [InlineData("100%", "100%%")]
    [InlineData("$HOME", "$$HOME")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("", "\"\"")]
    [InlineData(";", "\";\"")]
    [InlineData("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    public void A_value_is_written_as_a_plain_word_when_it_can_be_and_quoted_otherwise(string value, string written) =>
        Assert.Equal(written, SystemdQuoting.ExecArgument(value));

    [Fact]
    public void A_NUL_character_is_refused_because_no_argument_can_hold_it() =>
        Assert.Throws<ArgumentException>(() => SystemdQuoting.ExecArgument("a\0b"));

    [Theory]
    [InlineData("line\nInjected=1")]
    [InlineData("ends in a backslash\\")]
    public void A_setting_that_would_continue_or_break_the_line_is_refused(string value) =>
        Assert.Throws<ArgumentException>(() => SystemdQuoting.Value(value));

    [Fact]
    public void A_template_word_keeps_its_specifiers_and_variables_but_cannot_smuggle_a_space() =>
        Assert.Throws<ArgumentException>(() => ExecArg.Template("${NAP_IMAGE} --privileged"));
}
