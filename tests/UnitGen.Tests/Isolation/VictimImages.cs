using System.Diagnostics;

namespace Nap.UnitGen.Tests.Isolation;

/// <summary>
/// On the machine's engine: a base with a shell (busybox) and another app's release image, nap/victimPID:1,
/// holding /secret.txt and, as a frontend would, a command. Per process, so parallel worktrees stay apart.
/// </summary>
public sealed class VictimImages : IDisposable
{
    public string Base { get; } = $"nap-boundary/base:{Environment.ProcessId}";
    public string Victim { get; } = $"nap/victim{Environment.ProcessId}";
    public string Secret { get; } = $"the victim's secret {Guid.NewGuid():N}";

    public VictimImages()
    {
        Import(Base, secret: null);
        Import(Victim + ":1", Secret);
    }

    static void Import(string image, string? secret)
    {
        var dir = Directory.CreateTempSubdirectory("nap-victim-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "bin"));
            File.Copy("/bin/busybox", Path.Combine(dir.FullName, "bin", "busybox"));
            foreach (var tool in new[] { "sh", "cp", "cat", "true" })
                File.CreateSymbolicLink(Path.Combine(dir.FullName, "bin", tool), "busybox");
            if (secret is not null)
                File.WriteAllText(Path.Combine(dir.FullName, "secret.txt"), secret);
            var (code, _, stderr) = Docker.Run(["import", "-c", "CMD [\"/bin/sh\", \"-c\", \"exit 3\"]", "-", image], input: dir.FullName);
            Assert.True(code == 0, stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public void Dispose()
    {
        Docker.Run(["image", "rm", "-f", Base, Victim + ":1"]);
    }

    /// <summary>The docker CLI; with <paramref name="input"/>, a folder sent as a tar on stdin.</summary>
    public static class Docker
    {
        // Debian's CLI, as nap's build unit runs it: it builds with BuildKit without the buildx plugin, which a
        // newer client first on PATH may lack.
        static readonly string Cli = File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

        public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<string> args, string? input = null, bool buildKit = true)
        {
            var info = new ProcessStartInfo(input is null ? Cli : "sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (input is not null)
            {
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add("dir=$1; cli=$2; shift 2; tar -C \"$dir\" -c . | \"$cli\" \"$@\"");
                info.ArgumentList.Add("sh");
                info.ArgumentList.Add(input);
                info.ArgumentList.Add(Cli);
            }
            foreach (var arg in args)
                info.ArgumentList.Add(arg);
            info.Environment["DOCKER_BUILDKIT"] = buildKit ? "1" : "0";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }
    }
}
