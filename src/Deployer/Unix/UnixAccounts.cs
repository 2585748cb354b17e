namespace Nap.Deployer.Unix;

/// <summary>
/// Users and groups from /etc/passwd and /etc/group: nap's accounts are local system
/// accounts made by the installer, so the files are the truth and no NSS call is needed.
/// </summary>
public sealed record UnixAccounts(string PasswdFile, string GroupFile)
{
    public const string NapUser = "nap";
    public const string NapGroup = "nap";

    public static UnixAccounts System { get; } = new("/etc/passwd", "/etc/group");

    public int? UserId(string name) => Lookup(PasswdFile, name, idField: 2);

    public int? GroupId(string name) => Lookup(GroupFile, name, idField: 2);

    static int? Lookup(string file, string name, int idField)
    {
        if (!File.Exists(file))
            return null;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length > idField && fields[0] == name && int.TryParse(fields[idField], out var id))
                return id;
        }

        return null;
    }
}
