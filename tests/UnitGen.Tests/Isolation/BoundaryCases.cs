namespace Nap.UnitGen.Tests.Isolation;

/// <summary>
/// Dockerfiles of the app "mine" that name another app's image (VICTIM, e.g. nap/victim:1, holding /secret.txt)
/// or another frontend, each with where nap refuses it and whether docker 20.10's BuildKit really reads the
/// victim that way (<see cref="BuildBoundaryEngineSpecs"/> builds each against the engine). The ones it does
/// not read are refused all the same: a later docker reads some of them (a `#!` line before the directive), or
/// they cost nobody anything (upper case, `library/nap/...`).
/// </summary>
public static class BoundaryCases
{
    public const string App = "mine";

    /// <param name="Instruction">The instruction the one line names, or null for a directive.</param>
    public sealed record Case(string Name, string Dockerfile, int Line, string? Instruction, string Names, bool EngineReads)
    {
        public override string ToString() => Name;

        /// <summary>The Dockerfile with the victim's repository (nap/NAME) and a base image with a shell.</summary>
        public string With(string victim, string shellBase) => Fill(Dockerfile, victim).Replace("BASE", shellBase);

        /// <summary>What the one line quotes, with the victim's repository.</summary>
        public string NamesWith(string victim) => Fill(Names, victim);

        static string Fill(string text, string victim) => text
            .Replace("UPPERVICTIM", victim.ToUpperInvariant())
            .Replace("VICTIM_NAME", victim["nap/".Length..])
            .Replace("VICTIM", victim);
    }

    public static readonly Case[] Refused =
    [
        new("from", "FROM VICTIM:1\n", 1, "FROM", "VICTIM:1", true),
        new("from-docker-io", "FROM docker.io/VICTIM:1\n", 1, "FROM", "docker.io/VICTIM:1", true),
        new("from-index-docker-io", "FROM index.docker.io/VICTIM:1\n", 1, "FROM", "index.docker.io/VICTIM:1", true),
        new("from-registry-1", "FROM registry-1.docker.io/VICTIM:1\n", 1, "FROM", "registry-1.docker.io/VICTIM:1", false),
        new("from-upper-case-registry", "FROM Docker.io/VICTIM:1\n", 1, "FROM", "Docker.io/VICTIM:1", false),
        new("from-library", "FROM library/VICTIM:1\n", 1, "FROM", "library/VICTIM:1", false),
        new("from-upper-case", "FROM UPPERVICTIM:1\n", 1, "FROM", "UPPERVICTIM:1", false),
        new("from-tag-and-digest", "FROM VICTIM:1@sha256:" + new string('a', 64) + "\n", 1, "FROM", "VICTIM:1@sha256:", false),
        new("from-no-tag", "FROM VICTIM\n", 1, "FROM", "VICTIM", false),
        new("from-global-arg", "ARG IMAGE=VICTIM:1\nFROM $IMAGE\n", 2, "FROM", "$IMAGE (VICTIM:1)", true),
        new("from-assembled-arg", "ARG NS=nap\nARG TAG=1\nFROM ${NS}/VICTIM_NAME:${TAG}\n", 3, "FROM", "(VICTIM:1)", true),
        new("from-build-stage", "FROM VICTIM:1 AS loot\nFROM BASE\nCOPY --from=loot /secret.txt /s\n", 1, "FROM", "VICTIM:1", true),
        new("copy-from", "FROM scratch\nCOPY --from=VICTIM:1 /secret.txt /s\n", 2, "COPY", "--from=VICTIM:1", true),
        new("copy-from-docker-io", "FROM scratch\nCOPY --from=docker.io/VICTIM:1 /secret.txt /s\n", 2, "COPY", "--from=docker.io/VICTIM:1", true),
        new("copy-from-quoted", "FROM scratch\nCOPY --from=\"VICTIM:1\" /secret.txt /s\n", 2, "COPY", "--from=VICTIM:1", true),
        new("copy-from-stage-arg", "FROM scratch\nARG IMAGE=VICTIM:1\nCOPY --from=$IMAGE /secret.txt /s\n", 3, "COPY", "--from=$IMAGE (VICTIM:1)", false),
        new("copy-from-env", "FROM scratch\nENV IMAGE=VICTIM:1\nCOPY --from=${IMAGE} /secret.txt /s\n", 3, "COPY", "--from=${IMAGE} (VICTIM:1)", false),
        // 20.10 runs a trigger's --from against the context, not the image; later buildkit resolves it.
        new("copy-from-onbuild", "FROM BASE AS base\nONBUILD COPY --from=VICTIM:1 /secret.txt /s\nFROM base\n", 2, "COPY", "--from=VICTIM:1", false),
        new("mount-bind", "FROM BASE\nRUN --mount=type=bind,from=VICTIM:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-default-type", "FROM BASE\nRUN --mount=from=VICTIM:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-cache-from", "FROM BASE\nRUN --mount=type=cache,from=VICTIM:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-upper-case-key", "FROM BASE\nRUN --mount=type=bind,FROM=VICTIM:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-csv-quoted-field", "FROM BASE\nRUN --mount='type=bind,\"from=VICTIM:1\",target=/v' cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-quoted-value", "FROM BASE\nRUN --mount=type=bind,from='VICTIM:1',target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-escaped-value", "FROM BASE\nRUN --mount=type=bind,from=na\\p/VICTIM_NAME:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-second-of-two", "FROM BASE\nRUN --mount=type=cache,target=/c --mount=type=bind,from=VICTIM:1,target=/v cp /v/secret.txt /s\n", 2, "RUN", "--mount from=VICTIM:1", true),
        new("mount-from-env", "FROM BASE\nENV IMAGE=VICTIM:1\nRUN --mount=type=bind,from=$IMAGE,target=/v cp /v/secret.txt /s\n", 3, "RUN", "--mount from=$IMAGE (VICTIM:1)", false),
        new("mount-onbuild", "FROM BASE AS base\nONBUILD RUN --mount=from=VICTIM:1,target=/v cp /v/secret.txt /s\nFROM base\n", 2, "RUN", "--mount from=VICTIM:1", false),
    ];

    public static TheoryData<string> RefusedNames => [.. Refused.Select(c => c.Name)];

    public static Case Named(string name) => Refused.Single(c => c.Name == name);

    /// <summary>Dockerfiles of "mine" that stay inside: base images, its own stages, its own images, docker's frontend.</summary>
    public static readonly string[] Allowed =
    [
        "FROM local/busybox:latest\n",
        "FROM nap\n",
        "FROM napx/victim:1\nFROM mynap/victim:1\nFROM nap-victim:1\n",
        "FROM ghcr.io/nap/tool:1\nFROM localhost:5000/nap/victim:1\n",
        "FROM nap/mine:3\nCOPY --from=nap/mine:2-0123456789abcdef /a /b\nRUN --mount=from=docker.io/nap/mine,target=/m true\n",
        "FROM alpine AS build\nRUN make\nFROM build AS test\nFROM alpine\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nRUN --mount=from=test,target=/t true\n",
        "ARG BASE=alpine\nFROM $BASE AS nap\nFROM alpine\nCOPY --from=nap /x /x\n",
        "FROM alpine\nRUN --mount=type=cache,target=/root/.m2 --mount=type=secret,id=token,env=TOKEN --mount=type=tmpfs,target=/tmp true\n",
        "# syntax=docker/dockerfile:1\nFROM alpine\n",
        "# syntax = docker.io/docker/dockerfile:1.7-labs\nFROM alpine\n",
        "#syntax=docker/dockerfile@sha256:" + new string('b', 64) + "\n# escape=`\nFROM alpine\n",
        "# syntax=docker/dockerfile-upstream:master\nFROM alpine\n",
        "# a comment\n# syntax=nap/victim:1\nFROM alpine\n",
        "FROM alpine\n# syntax=nap/victim:1\n",
    ];

    public static TheoryData<string> AllowedDockerfiles => [.. Allowed];
}
