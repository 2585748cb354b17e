namespace Nap.Deployer.Tests.Core;

/// <summary>
/// Stands in for nap-receive's hook mode (built by the Receive part) as the repos' receive binary:
/// it sends napd the `receive` request exactly as DESIGN.md says (app, ref lines, the three git
/// object variables made absolute) and relays the replies, so a real `git push` reaches a real napd.
/// </summary>
static class HookClient
{
    public static string Install(string dir)
    {
        var path = Path.Combine(dir, "hook-client");
        File.WriteAllText(path, Script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    const string Script = """
        #!/usr/bin/env python3
        import json, os, socket, sys
        assert sys.argv[1:] == ["hook", "pre-receive"], sys.argv
        lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
        names = ["GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"]
        env = {}
        for n in names:
            if n in os.environ:
                env[n] = ":".join(os.path.abspath(p) for p in os.environ[n].split(":") if p)
        request = {"verb": "receive", "args": [os.environ["NAP_APP"]] + lines, "key": os.environ["NAP_KEY"], "gitEnv": env}
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(os.path.join(os.environ["NAP_RUNTIME_DIR"], "napd.sock"))
        s.sendall((json.dumps(request) + "\n").encode())
        for line in s.makefile("r", encoding="utf-8"):
            reply = json.loads(line)
            if reply["kind"] == "Exit":
                sys.exit(reply.get("code", 0))
            print(reply.get("text", ""), file=sys.stdout if reply["kind"] == "Out" else sys.stderr, flush=True)
        sys.exit(1)
        """;
}
