using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;

namespace Nap.Deployer.Registry;

/// <summary>
/// The registry's HTTP API, over TLS trusting only nap's CA, as napd's user: list an app's tags, read a tag's manifest
/// (digest and size), delete a manifest by digest (distribution deletes by digest only; its tags go with it).
/// </summary>
public sealed class RegistryApi
{
    // Schema 2 is what docker 20.10 pushes, OCI what newer engines may; the digest is of the manifest as stored.
    static readonly string[] ManifestTypes =
        ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"];

    /// <summary>The app's tags in the registry; none when the repository does not exist (yet).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(RegistryTarget target, string app, CancellationToken ct)
    {
        using var http = Client(target);
        using var response = await SendAsync(http, target, new HttpRequestMessage(HttpMethod.Get, $"/v2/{app}/tags/list"), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        Check(response, target, $"list the tags of {app}");
        var list = await response.Content.ReadFromJsonAsync(RegistryApiJson.Default.TagList, ct);
        return list?.Tags?.Order(StringComparer.Ordinal).ToArray() ?? [];
    }

    /// <summary>The manifest's digest and the image's compressed size, or null when the registry has no such tag.</summary>
    public async Task<(string Digest, long Size)?> ManifestAsync(RegistryTarget target, string app, string tag, CancellationToken ct)
    {
        using var http = Client(target);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{app}/manifests/{tag}");
        foreach (var type in ManifestTypes)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        using var response = await SendAsync(http, target, request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        Check(response, target, $"read {app}:{tag}");
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        var manifest = await response.Content.ReadFromJsonAsync(RegistryApiJson.Default.ImageManifest, ct);
        return digest is null ? throw new RegistryException($"the registry at {target.Address} sent {app}:{tag} without its digest") : (digest, manifest?.Size ?? 0);
    }

    /// <summary>Deletes the manifest <paramref name="digest"/> of the app's repository; gone already is fine.</summary>
    public async Task DeleteAsync(RegistryTarget target, string app, string digest, CancellationToken ct)
    {
        using var http = Client(target);
        using var response = await SendAsync(http, target, new HttpRequestMessage(HttpMethod.Delete, $"/v2/{app}/manifests/{digest}"), ct);
        if (response.StatusCode != HttpStatusCode.NotFound)
            Check(response, target, $"delete {app}@{digest}");
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient http, RegistryTarget target, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException($"the registry at {target.Address} does not answer: {e.GetBaseException().Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new RegistryException($"the registry at {target.Address} did not answer within {Timeout.TotalSeconds:0} s");
        }
        finally
        {
            request.Dispose();
        }
    }

    static void Check(HttpResponseMessage response, RegistryTarget target, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new RegistryException($"the registry at {target.Address} refused to {what}: {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    static HttpClient Client(RegistryTarget target)
    {
        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(target.CaFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new RegistryException($"the registry's CA {target.CaFile} is unreadable ({e.Message}): the host's admin runs nap registry init again");
        }
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = new X509Certificate2(certificate);
            return chain.Build(presented);
        };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri($"https://{target.Address}"), Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{target.Login.User}:{target.Login.Password}")));
        return http;
    }
}
