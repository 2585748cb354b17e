using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class RobustnessSpecs
{
    private static readonly string[] Insertions = ["\"", "'", "[", "]", "$", "${", "}", "\\", "`", "<<", "<<-", "\n", "--", "=", ":", "#", " AS ", "\t", "\u0000", "{\"a\":1}"];

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void A_mangled_dockerfile_fails_only_with_a_dockerfile_exception(string name)
    {
        var text = CorpusFiles.Read(name);
        var random = new Random(name.Sum(c => c));
        var outcomes = new List<string>();

        for (var round = 0; round < 150; round++)
        {
            var position = random.Next(text.Length + 1);
            var mangled = (round % 3) switch
            {
                0 => text[..position],
                1 => text.Remove(Math.Min(position, text.Length - 1), 1),
                _ => text.Insert(position, Insertions[random.Next(Insertions.Length)]),
            };
            outcomes.Add(Outcome(mangled));
        }

        Assert.All(outcomes, o => Assert.True(o is "parsed" || o.StartsWith("Dockerfile:", StringComparison.Ordinal), o));
    }

    [Fact]
    public void Random_text_fails_only_with_a_dockerfile_exception()
    {
        const string alphabet = "FROM RUN CMD ENV ARG COPY EXPOSE HEALTHCHECK ONBUILD SHELL USER \"'[]{}$\\`<<-=:,#\n\t 0123456789/abc";
        var random = new Random(7);
        var outcomes = Enumerable.Range(0, 2000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Select(text => Outcome("FROM alpine\n" + text))
            .ToList();

        Assert.All(outcomes, o => Assert.True(o is "parsed" || o.StartsWith("Dockerfile:", StringComparison.Ordinal), o));
        Assert.Contains("parsed", outcomes);
    }

    [Fact]
    public void A_lone_surrogate_in_json_is_a_dockerfile_error()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nCMD [\"\\ud83d\"]\n"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void An_error_message_stays_on_one_line()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nEXPOSE 80\u0001/x\n"));

        Assert.Equal("Dockerfile:2: EXPOSE: \"80\\u0001/x\" is not a valid port/protocol; write PORT, PORT/tcp, PORT/udp, PORT/sctp or FIRST-LAST", error.Message);
    }

    [Fact]
    public void Substitutions_nested_a_million_deep_are_refused_in_one_line_not_by_a_stack_overflow()
    {
        // Continuation lines keep each physical line under docker's 64 KiB, as a hostile push would.
        const int depth = 1_000_000;
        var opening = string.Join("\\\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("${a:-", 10_000)), depth / 10_000));
        var closing = string.Join("\\\n", Enumerable.Repeat(new string('}', 10_000), depth / 10_000));

        var outcome = Outcome($"FROM scratch\nENV b={opening}x{closing}\n");

        Assert.Equal("Dockerfile:2: ENV: substitutions nest deeper than 64 levels: nap does not expand them", outcome);
    }

    [Fact]
    public void A_value_that_doubles_line_after_line_is_refused_before_it_takes_a_gigabyte()
    {
        var doubling = string.Concat(Enumerable.Range(0, 40).Select(_ => "ENV a=$a$a\n"));

        var outcome = Outcome($"FROM scratch\nENV a={new string('x', 1000)}\n{doubling}");

        Assert.Matches("^Dockerfile:1[0-9]: ENV: a word grows past 1 MiB once its variables are substituted", outcome);
    }

    private static string Outcome(string text)
    {
        try
        {
            DockerfileParser.Parse(text);
            Dockerfile.Parse(text);
            return "parsed";
        }
        catch (DockerfileException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return e.Message;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
