using Nap.Deployer.Apps;
using Nap.Deployer.Environments;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Environments;

public sealed class ReviewNameSpecs
{
    [Fact]
    public void A_branch_that_is_already_a_dns_label_keeps_its_name() =>
        Assert.Equal("feature-x", ReviewName.For("feature-x"));

    [Theory]
    [InlineData("feature/x")]
    [InlineData("Feature-X")]
    [InlineData("feature_x")]
    [InlineData("123-fix")]
    [InlineData("production")]
    [InlineData("a-very-long-branch-name-that-goes-on-and-on-and-on-beyond-any-label")]
    [InlineData("ü/ß")]
    [InlineData("-")]
    public void Any_other_branch_becomes_a_valid_environment_name(string branch)
    {
        var name = ReviewName.For(branch);

        Assert.Null(EnvName.Validate(name));
        Assert.NotEqual(EnvName.Production, name);
    }

    [Fact]
    public void Branches_that_read_alike_get_different_names()
    {
        string[] names = [ReviewName.For("feature/x"), ReviewName.For("feature-x"), ReviewName.For("Feature-X"), ReviewName.For("feature_x")];

        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void A_review_app_is_due_only_after_its_ttl_and_only_while_review_apps_are_on()
    {
        var now = DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var app = new AppState("shop", "alice", now) { ReviewApps = new ReviewApps(3600) };
        var slot = new AppState("shop.feature-x", "alice", now) { Review = true, LastPush = now };

        Assert.False(ReviewExpiry.IsDue(app, slot, now.AddMinutes(59)));
        Assert.True(ReviewExpiry.IsDue(app, slot, now.AddHours(1)));
        Assert.False(ReviewExpiry.IsDue(app with { ReviewApps = null }, slot, now.AddDays(9)));
        Assert.False(ReviewExpiry.IsDue(app, slot with { Review = false }, now.AddDays(9)));
    }

    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    public void A_ttl_reads_as_people_write_it(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Durations.Parse(text));
        Assert.Equal(text, Durations.Format(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("-1d")]
    [InlineData("1w")]
    public void A_ttl_without_a_unit_is_not_read(string text) => Assert.Null(Durations.Parse(text));
}
