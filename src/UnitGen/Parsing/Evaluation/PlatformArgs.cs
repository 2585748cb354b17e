using System.Runtime.InteropServices;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>The ARGs docker build predefines in the global scope (usable in FROM, or after `ARG TARGETARCH`).</summary>
internal static class PlatformArgs
{
    public static Dictionary<string, string?> Defaults()
    {
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            Architecture.X86 => "386",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.RiscV64 => "riscv64",
            _ => "amd64",
        };
        var variant = arch == "arm" ? "v7" : "";
        var platform = variant.Length > 0 ? $"linux/{arch}/{variant}" : $"linux/{arch}";

        var args = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var prefix in new[] { "TARGET", "BUILD" })
        {
            args[prefix + "PLATFORM"] = platform;
            args[prefix + "OS"] = "linux";
            args[prefix + "ARCH"] = arch;
            args[prefix + "VARIANT"] = variant;
        }
        return args;
    }
}
