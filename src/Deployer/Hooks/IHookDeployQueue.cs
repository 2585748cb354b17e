namespace Nap.Deployer.Hooks;

/// <summary>Where a delivery that deploys goes (<see cref="HookDeploys"/>); the receiver answers without waiting for it.</summary>
public interface IHookDeployQueue
{
    void Enqueue(HookDeploys.Job job);
}
