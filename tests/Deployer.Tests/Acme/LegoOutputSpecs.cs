using Nap.Deployer.Acme;

namespace Nap.Deployer.Tests.Acme;

/// <summary>
/// lego's log, as lego 4.9 (Debian 12) printed it against pebble here, turned into the one line the client sees.
/// The host specs (Host.Tests/AcmeSpecs) show the same lines end to end.
/// </summary>
public sealed class LegoOutputSpecs
{
    const string Challenge = """
        2026/12/01 15:19:29 [INFO] [bad.nap.test] acme: Obtaining bundled SAN certificate
        2026/12/01 15:19:29 [INFO] [bad.nap.test] AuthURL: https://127.0.0.1:14917/authZ/cejFyPycF6diE9ctetejQFladdU1br9anPbbuMqNbhQ
        2026/12/01 15:19:29 [INFO] [bad.nap.test] acme: use http-01 solver
        2026/12/01 15:19:29 [INFO] [bad.nap.test] acme: Trying to solve HTTP-01
        2026/12/01 15:19:34 [INFO] Deactivating auth: https://127.0.0.1:14917/authZ/cejFyPycF6diE9ctetejQFladdU1br9anPbbuMqNbhQ
        2026/12/01 15:19:34 Could not obtain certificates:
        	error: one or more domains had a problem:
        [bad.nap.test] acme: error: 400 :: urn:ietf:params:acme:error:connection :: Get "http://bad.nap.test/.well-known/acme-challenge/x7T": dial tcp 127.0.0.2:80: connect: connection refused

        """;

    const string Refused = """
        2026/12/01 15:19:34 [INFO] [blocked.nap.test] acme: Obtaining bundled SAN certificate
        2026/12/01 15:19:34 Could not obtain certificates:
        	acme: error: 400 :: POST :: https://127.0.0.1:14917/order-plz :: urn:ietf:params:acme:error:rejectedIdentifier :: Order included an identifier for which issuance is forbidden by policy: "blocked.nap.test"

        """;

    const string Down = """
        2026/12/01 15:19:34 No key found for account a@nap.test. Generating a P256 key.
        2026/12/01 15:19:34 Saved key to /var/lib/nap/acme/accounts/127.0.0.1_14999/a@nap.test/keys/a@nap.test.key
        2026/12/01 15:19:34 Could not create client: get directory at 'https://127.0.0.1:14999/dir': Get "https://127.0.0.1:14999/dir": dial tcp 127.0.0.1:14999: connect: connection refused

        """;

    // Boulder's answer to a sixth certificate for the same names in a week, as lego prints an order's error (pebble has no limits).
    const string RateLimited = """
        2026/12/01 15:19:34 [INFO] [web.example.com] acme: Obtaining bundled SAN certificate
        2026/12/01 15:19:34 Could not obtain certificates:
        	acme: error: 429 :: POST :: https://acme-v02.api.letsencrypt.org/acme/new-order :: urn:ietf:params:acme:error:rateLimited :: Error creating new order :: too many certificates (5) already issued for this exact set of domains in the last 168 hours: web.example.com, retry after 2026-12-02T10:00:00Z: see https://letsencrypt.org/docs/rate-limits/#new-certificates-per-exact-set-of-hostnames

        """;

    [Fact]
    public void A_failed_challenge_reads_as_the_name_the_problem_type_and_what_the_validator_met()
    {
        Assert.Equal("[bad.nap.test] connection: Get \"http://bad.nap.test/.well-known/acme-challenge/x7T\": dial tcp 127.0.0.2:80: connect: connection refused",
            LegoOutput.Reason(Challenge));
        Assert.Equal("connection", LegoOutput.ProblemType(Challenge));
    }

    [Fact]
    public void A_refused_order_reads_as_its_problem_type_and_the_CAs_words()
    {
        Assert.Equal("rejectedIdentifier: Order included an identifier for which issuance is forbidden by policy: \"blocked.nap.test\"", LegoOutput.Reason(Refused));
        Assert.Equal("rejectedIdentifier", LegoOutput.ProblemType(Refused));
    }

    [Fact]
    public void A_rate_limit_reads_as_rate_limited_with_the_CAs_words_on_one_line()
    {
        var reason = LegoOutput.Reason(RateLimited);

        Assert.StartsWith("rateLimited: Error creating new order: too many certificates (5) already issued for this exact set of domains", reason);
        Assert.DoesNotContain('\n', reason);
        Assert.Equal("rateLimited", LegoOutput.ProblemType(RateLimited));
    }

    [Fact]
    public void A_server_that_does_not_answer_reads_as_lego_says_it_without_the_lines_about_the_account_key()
    {
        Assert.Equal("Could not create client: get directory at 'https://127.0.0.1:14999/dir': Get \"https://127.0.0.1:14999/dir\": dial tcp 127.0.0.1:14999: connect: connection refused",
            LegoOutput.Reason(Down));
        Assert.Null(LegoOutput.ProblemType(Down));
    }

    [Fact]
    public void Output_without_lego_s_log_lines_still_gives_one_line()
    {
        Assert.Equal("lego failed: You have to pass an account (email address) to the program", LegoOutput.Reason("You have to pass an account   (email address) to the program\n"));
        Assert.Equal("lego failed and printed nothing", LegoOutput.Reason(""));
    }
}
