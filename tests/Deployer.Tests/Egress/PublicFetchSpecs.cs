using System.IO.Compression;
using System.Net;
using Nap.Deployer.Egress;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Egress;

/// <summary>
/// napd's fetch of ADD URLs against real servers on this machine: refused where the socket would lead to the host,
/// followed where a name the admin allowed leads (this machine's own address stands in for an artifact server; its
/// interfaces are taken as another host's for that).
/// </summary>
public sealed class PublicFetchSpecs : IDisposable
{
    const string Secret = "TOP-SECRET-LOCAL-PAGE";
    readonly LocalHttpServer local = new(200, Secret);

    static IPAddress Artifacts => ArtifactServer.Address;

    static PublicFetch Fetch(Func<string, IPAddress[]?>? names = null) => ArtifactServer.Fetch(names);

    static async Task<(string Body, PublicFetch.Fetched Fetched)> GetAsync(PublicFetch fetch, string url)
    {
        using var body = new MemoryStream();
        var fetched = await fetch.FetchAsync(new Uri(url), body, default);
        return (System.Text.Encoding.UTF8.GetString(body.ToArray()), fetched);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/", "127.0.0.1 is a loopback address")]
    [InlineData("http://localhost:{0}/", "localhost resolves to")]
    [InlineData("http://[::1]:{0}/", "is a loopback address")]
    [InlineData("http://0.0.0.0:{0}/", "0.0.0.0 is \"this network\", which reaches the host itself")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/", "is a loopback address")]
    [InlineData("http://2130706433:{0}/", "is a loopback address")]
    [InlineData("http://0x7f.1:{0}/", "is a loopback address")]
    [InlineData("http://127.1:{0}/", "is a loopback address")]
    public async Task A_url_that_leads_to_this_host_is_refused_before_anything_connects(string url, string why)
    {
        using var fetch = new PublicFetch([]);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, string.Format(url, local.Port)));

        Assert.Contains(why, refused.Message);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task This_machines_own_address_is_refused_as_the_hosts_own()
    {
        using var fetch = new PublicFetch([]);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://{Artifacts}:{local.Port}/"));

        Assert.Contains($"{Artifacts} is an address of this host", refused.Message);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_whatever_it_looks_like()
    {
        using var fetch = Fetch(host => host == "cdn.example.com" ? [IPAddress.Loopback] : null);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://cdn.example.com:{local.Port}/"));

        Assert.Equal("cdn.example.com resolves to 127.0.0.1, a loopback address", refused.Message);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task A_name_with_one_bad_address_among_good_ones_is_refused_whole()
    {
        using var fetch = Fetch(host => host == "mixed.example.com" ? [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("169.254.169.254")] : null);

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://mixed.example.com:{local.Port}/"));

        Assert.Contains("169.254.169.254, link-local", refused.Message);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task A_private_host_napd_json_names_is_fetched_and_another_private_one_is_not()
    {
        using var fetch = Fetch(host => host == "other.test" ? [IPAddress.Parse("10.0.0.5")] : null);

        var (body, fetched) = await GetAsync(fetch, $"http://artifacts.test:{local.Port}/app.jar");
        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://other.test:{local.Port}/app.jar"));

        Assert.Equal(Secret, body);
        Assert.Equal(Secret.Length, fetched.Length);
        Assert.Equal("other.test resolves to 10.0.0.5, a private address", refused.Message);
        Assert.Equal(1, local.Requests);
    }

    [Fact]
    public async Task A_redirect_to_the_host_is_refused_at_the_hop_that_leads_there()
    {
        using var redirecting = new LocalHttpServer(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.RedirectLocation = context.Request.Url!.AbsolutePath == "/first"
                ? "/second"
                : $"http://127.0.0.1:{local.Port}/";
            return Task.CompletedTask;
        });
        using var fetch = Fetch();

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://artifacts.test:{redirecting.Port}/first"));

        Assert.Equal($"it redirects to http://127.0.0.1:{local.Port}/, where 127.0.0.1 is a loopback address", refused.Message);
        Assert.Equal(2, redirecting.Requests);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task A_name_rebound_to_loopback_after_its_first_answer_is_refused_on_the_next_connection()
    {
        // The first answer leads to a server that redirects to the same name on another port: a new connection,
        // for which the name now answers 127.0.0.1. The check is made on each connection's own addresses.
        var answers = 0;
        using var redirecting = new LocalHttpServer(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.RedirectLocation = $"http://rebind.example.com:{local.Port}/";
            return Task.CompletedTask;
        });
        using var fetch = new PublicFetch(["rebind.example.com"], () => LocalNetworks.None,
            (_, _) => Task.FromResult(Interlocked.Increment(ref answers) == 1 ? new[] { Artifacts } : [IPAddress.Loopback]));

        var refused = await Assert.ThrowsAsync<EgressRefusedException>(() => GetAsync(fetch, $"http://rebind.example.com:{redirecting.Port}/"));

        Assert.Contains("rebind.example.com resolves to 127.0.0.1, a loopback address", refused.Message);
        Assert.Equal(1, redirecting.Requests);
        Assert.Equal(0, local.Requests);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_go_s_limit()
    {
        using var loop = new LocalHttpServer(context =>
        {
            var n = int.Parse(context.Request.Url!.AbsolutePath.Trim('/'), System.Globalization.CultureInfo.InvariantCulture);
            if (n < 10)
            {
                context.Response.StatusCode = 301;
                context.Response.RedirectLocation = $"/{n + 1}";
                return Task.CompletedTask;
            }
            context.Response.StatusCode = 200;
            return context.Response.OutputStream.WriteAsync("ten"u8.ToArray()).AsTask();
        });
        using var fetch = Fetch();

        Assert.Equal("ten", (await GetAsync(fetch, $"http://artifacts.test:{loop.Port}/0")).Body);
        var tooMany = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(fetch, $"http://artifacts.test:{loop.Port}/-1"));
        Assert.Contains("redirects more than 10 times", tooMany.Message);
    }

    [Fact]
    public async Task The_file_comes_decoded_with_its_last_modified_time()
    {
        var modified = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var server = new LocalHttpServer(async context =>
        {
            context.Response.AddHeader("Content-Encoding", "gzip");
            context.Response.AddHeader("Last-Modified", modified.ToString("R"));
            await using var gzip = new GZipStream(context.Response.OutputStream, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync("decoded"u8.ToArray());
        });
        using var fetch = Fetch();

        var (body, fetched) = await GetAsync(fetch, $"http://artifacts.test:{server.Port}/x.txt");

        Assert.Equal("decoded", body);
        Assert.Equal(modified, fetched.LastModified);
    }

    [Theory]
    [InlineData("http://nap-test.invalid/x", "nap-test.invalid")]
    [InlineData("http://artifacts.test:1/x", "ConnectionRefused")]
    public async Task A_network_failure_says_what_failed(string url, string detail)
    {
        using var fetch = Fetch();

        var failed = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(fetch, url));

        Assert.Contains("could not be fetched", failed.Message);
        Assert.Contains(detail, failed.Message);
    }

    [Fact]
    public async Task An_http_error_is_a_failed_fetch_with_its_status()
    {
        using var missing = new LocalHttpServer(404, "no");
        using var fetch = Fetch();

        var failed = await Assert.ThrowsAsync<FetchFailedException>(() => GetAsync(fetch, $"http://artifacts.test:{missing.Port}/x"));

        Assert.EndsWith("answered 404 Not Found", failed.Message);
    }

    public void Dispose() => local.Dispose();
}
