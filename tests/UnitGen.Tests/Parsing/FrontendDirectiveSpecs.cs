using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

/// <summary>
/// The syntax directives any engine would act on (issue 21). Each case below was checked on the testbed's engines:
/// docker 20.10 (Debian 12) and 26.1 with buildx 0.13 (Debian 13) tried to pull the named frontend for the cases
/// marked with their engine, and nap's own parser sees no directive in the cases marked "parser: none".
/// </summary>
public class FrontendDirectiveSpecs
{
    [Theory]
    [InlineData("# syntax=docker/dockerfile:1\nFROM alpine\n", "docker/dockerfile:1", 1)]                      // both engines
    [InlineData("#SYNTAX = evil/frontend:7 extra\r\nFROM alpine\n", "evil/frontend:7 extra", 1)]             // both engines
    [InlineData("# escape=`\n# syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 2)]                   // both engines
    [InlineData("# foo=bar\n# syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 2)]                    // docker 20.10; parser: none
    [InlineData("# check=skip=all\n# foo=bar\n# syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 3)] // docker 20.10; parser: none
    [InlineData("#!/usr/bin/env docker\n# syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 2)]       // docker 26; parser: none
    [InlineData("\uFEFF# syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 1)]                         // buildkit's current DetectSyntax
    [InlineData("  # syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 1)]                             // nap's and buildkit's Dockerfile parser
    [InlineData("// syntax=evil/frontend\nFROM alpine\n", "evil/frontend", 1)]                              // buildkit's DetectSyntax
    public void I_find_a_syntax_directive_wherever_an_engine_would_read_one(string text, string value, int line) =>
        Assert.Equal([new ParserDirective("syntax", value, line)], FrontendDirectives.Find(text));

    [Fact]
    public void I_find_every_syntax_line_since_docker_20_10_takes_the_last() =>
        Assert.Equal([2, 3], FrontendDirectives.Find("# escape=\\\n# syntax=allowed/one\n# syntax=evil/two\nFROM alpine\n").Select(d => d.Line));

    [Fact]
    public void I_find_the_syntax_key_of_a_json_document() =>
        Assert.Equal("evil/frontend", FrontendDirectives.Find("{ \"syntax\": \"evil/frontend\", \"x\": 1 }").Single().Value);

    [Theory]
    [InlineData("FROM alpine\n# syntax=evil/frontend\n")]
    [InlineData("\n# syntax=evil/frontend\nFROM alpine\n")]
    [InlineData("# a comment\n# syntax=evil/frontend\nFROM alpine\n")]
    [InlineData("# escape=`\nFROM alpine\n")]
    [InlineData("#!/bin/sh\n#!/bin/sh\n# syntax=evil/frontend\nFROM alpine\n")]
    [InlineData("{ \"syntax\": 1 }")]
    public void A_syntax_line_no_engine_reads_as_a_directive_is_not_one(string text) =>
        Assert.Empty(FrontendDirectives.Find(text));

    [Fact]
    public void What_nap_parser_reads_as_the_syntax_directive_is_found_too()
    {
        foreach (var text in new[] { "# syntax=a/b\nFROM alpine\n", "   # escape=`\n\t# syntax=docker/dockerfile:1\nFROM alpine\n" })
            Assert.Equal(DockerfileParser.Parse(text).Directive("syntax"), FrontendDirectives.Find(text).Single().Value);
    }
}
