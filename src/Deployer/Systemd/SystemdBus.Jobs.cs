using Tmds.DBus.Protocol;

namespace Nap.Deployer.Systemd;

public sealed partial class SystemdBus
{
    readonly JobWaits jobs = new();

    /// <summary>StartUnit or StopUnit in mode "replace", as systemctl does, then the job's end from JobRemoved.</summary>
    async Task RunJobAsync(string method, string unit, CancellationToken ct)
    {
        // Expected before the call: the job may end before its reply has been read.
        using var wait = jobs.Expect(unit);
        var job = await CallAsync(ManagerPath, Manager, method, "ss", (ref MessageWriter w) => { w.WriteString(unit); w.WriteString("replace"); },
            static (Message m, object? _) => m.GetBodyReader().ReadObjectPathAsString(), ct);
        var result = await wait.ResultAsync(job, ct);
        if (result != "done")
            throw new SystemdException(await FailureAsync(method == "StartUnit" ? "start" : "stop", unit, result));
    }

    async Task<string> FailureAsync(string verb, string unit, string result)
    {
        if (result != "failed")
            return result switch
            {
                "timeout" => $"{unit} did not {verb} within its timeout (journalctl -u {unit} has its log)",
                "dependency" => $"a unit {unit} depends on failed, so it did not {verb}",
                "canceled" => $"the {verb} of {unit} was cancelled by another job for it",
                _ => $"the {verb} of {unit} ended '{result}'",
            };
        var state = await StateAsync(unit, CancellationToken.None);
        var status = state.ExecMainStatus != 0 ? $", exit status {state.ExecMainStatus}" : "";
        return $"{unit} failed ({state.Result}{status}): journalctl -u {unit} has its log";
    }

    static (string Job, string Unit, string Result) ReadJobRemoved(Message message, object? _)
    {
        var reader = message.GetBodyReader();
        reader.ReadUInt32();
        return (reader.ReadObjectPathAsString(), reader.ReadString(), reader.ReadString());
    }

    void OnJobRemoved(Notification<(string Job, string Unit, string Result)> signal)
    {
        if (signal.HasValue)
            jobs.Removed(signal.Value.Job, signal.Value.Unit, signal.Value.Result);
    }
}
