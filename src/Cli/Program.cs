using Nap.Cli;

return args switch
{
    ["unitgen", .. var rest] => await UnitGenCommand.RunAsync(rest, Console.Out, Console.Error),
    ["keys", .. var rest] => await KeysCommand.RunAsync(rest, Console.In, Console.Out, Console.Error),
    ["certs", .. var rest] => await CertsCommand.RunAsync(rest, Console.Out, Console.Error, Nap.Protocol.NapPaths.FromEnvironment()),
    ["registry", .. var rest] when OperatingSystem.IsLinux() => await RegistryCommand.RunAsync(rest, Console.Out, Console.Error),
    ["cluster", .. var rest] => await ClusterCommand.ClusterAsync(rest, Console.Out, Console.Error, Nap.Protocol.NapPaths.FromEnvironment()),
    ["nodes", .. var rest] => await ClusterCommand.NodesAsync(rest, Console.Out, Console.Error, Nap.Protocol.NapPaths.FromEnvironment()),
    [] or ["help" or "--help" or "-h"] => Usage.Print(Console.Out, 0),
    [var other, ..] => Usage.Unknown(other, Console.Error),
};
