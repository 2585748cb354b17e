using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>
/// Replaces this process with git, so git talks to the client directly: no copy loop,
/// no second process, nothing of nap left between the pusher and git.
/// </summary>
static class Exec
{
    /// <summary>Returns only when the exec failed, with errno.</summary>
    /// <param name="env">The whole environment of the new program (<see cref="GitEnvironment"/>), nothing inherited.</param>
    public static unsafe int Replace(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> env)
    {
        // .NET keeps its own copy of the environment, so the variables are passed to execve
        // rather than set with Environment.SetEnvironmentVariable, which execv would not see.

        var path = (byte*)Marshal.StringToCoTaskMemUTF8(program);
        var args = NullTerminated(argv);
        var envp = NullTerminated(env.Select(e => e.Key + "=" + e.Value).ToArray());

        Console.Out.Flush();
        Console.Error.Flush();
        // .NET ignores SIGPIPE and an ignored signal stays ignored across exec; git expects the default.
        Native.signal(Native.SIGPIPE, 0);
        Native.execve(path, args, envp);
        return Marshal.GetLastPInvokeError();
    }

    // Never freed: on success the process image is gone, on failure the process exits right after.
    static unsafe byte** NullTerminated(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Count; i++)
            array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        return array;
    }
}
