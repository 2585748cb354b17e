namespace Nap.Deployer.Hooks;

/// <summary>The HTTP answer to one delivery: the status and one line the forge shows in its delivery log.</summary>
public sealed record HookAnswer(int Status, string Text);
