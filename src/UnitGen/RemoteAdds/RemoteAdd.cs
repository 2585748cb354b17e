namespace Nap.UnitGen.RemoteAdds;

/// <summary>A file an ADD fetches: its URL, substituted, and the name it gets in the image.</summary>
/// <param name="Name">buildkit's: the last element of the URL's path, or __unnamed__ when it has none.</param>
public sealed record RemoteFile(string Url, string Name);

/// <summary>An ADD whose sources are URLs: its line, its files in order, and its --checksum when given.</summary>
public sealed record RemoteAdd(int Line, IReadOnlyList<RemoteFile> Files, string? Checksum)
{
    /// <summary>Where file <paramref name="index"/> lies in the image of downloads that stands in for the URLs: /LINE.N/NAME.</summary>
    public string PathOf(int index) => $"/{Line}.{index + 1}/{Files[index].Name}";
}
