namespace Nap.Deployer.Tests.Support;

/// <summary>The keys every napd spec host knows: three users and one admin.</summary>
static class Keys
{
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string Carol = "carol";
    public const string Boss = "boss";

    public static string AuthorizedKeys(string receive = "/usr/local/bin/nap-receive") =>
        Line(receive, Alice, admin: false) + Line(receive, Bob, admin: false) + Line(receive, Carol, admin: false) + Line(receive, Boss, admin: true);

    public static string Line(string receive, string name, bool admin) =>
        $"command=\"{receive} --key {name}{(admin ? " --admin" : "")}\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{name.Length}x {name}\n";
}
