using System.Globalization;
using Etl.Schemas.Naming;
using Etl.Testing.Kafka;
using Etl.Worker.Sources.X;

namespace Etl.Worker.Tests.Sources;

/// <summary>The filtered-stream reader against a Kestrel stand-in speaking X's protocol, producing to the mock cluster.</summary>
public sealed class XStreamReaderTests : IClassFixture<KafkaMockCluster>
{
    private static readonly DateTimeOffset Posted = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KafkaMockCluster kafka;

    public XStreamReaderTests(KafkaMockCluster kafka) => this.kafka = kafka;

    private static IEnumerable<string> Posts(int from, int count) =>
        Enumerable.Range(from, count).Select(i => XStandIn.Post(1_800_000_000_000_000_000 + i, $"#solar eclipse post {i}", Posted.AddSeconds(i)));

    [Fact]
    public async Task N_posts_become_N_distinct_records_through_a_dropped_connection_and_an_operational_disconnect()
    {
        await using var x = await XHarness.StartAsync(kafka);
        // 60 posts over three connections; the second repeats five of the first (X may resend around a reconnect).
        x.StandIn.ThenLines(Posts(0, 20).SelectMany(p => new[] { p, "" }), StreamEnd.Abort);
        x.StandIn.ThenLines(Posts(15, 25).Append(XStandIn.OperationalDisconnect), StreamEnd.Silence);
        x.StandIn.ThenLines(Posts(40, 20), StreamEnd.Silence);
        x.Run();

        await SourceTestKit.WaitForAsync(() => x.Metrics.Received >= 65 && x.Metrics.Produced >= 65, "65 posts produced");
        var result = await x.StopAsync();

        Assert.True(result.Succeeded);
        var records = x.Records(expected: 65);
        Assert.Equal(60, records.Select(r => r.Tweet.Id).Distinct().Count());
        Assert.All(records, r => Assert.Equal(r.Tweet.Id.ToString(CultureInfo.InvariantCulture), r.Key));
        // Both ends of an established connection reconnect at once, as X asks.
        Assert.Equal(2, x.Reconnects.Count);
        Assert.All(x.Reconnects, r => Assert.Equal((XFailureKind.Dropped, TimeSpan.Zero), (r.Kind, r.Delay)));
        Assert.Contains("operational-disconnect", x.Reconnect(2).Reason, StringComparison.Ordinal);
        Assert.Equal(3, x.StandIn.StreamConnections);

        // The v2 mapper got what the expansions and fields bring.
        var tweet = records.First(r => r.Tweet.Id == 1_800_000_000_000_000_007).Tweet;
        Assert.Equal(SourceNetworks.X, tweet.Network);
        Assert.Equal("ada", tweet.User.ScreenName);
        Assert.Equal("London", tweet.User.Location);
        Assert.Equal(120, tweet.User.FollowersCount);
        Assert.Equal(["solar"], tweet.Entities!.Hashtags);
        Assert.Equal(7, tweet.LikeCount);
        Assert.Equal(Posted.AddSeconds(7), tweet.CreatedAt);
        var query = Uri.UnescapeDataString(x.StandIn.StreamQueries.First());
        Assert.Contains("expansions=author_id,geo.place_id", query, StringComparison.Ordinal);
        Assert.Contains("user.fields=", query, StringComparison.Ordinal);

        // The token goes in the header and nowhere else.
        Assert.All(x.StandIn.Authorizations, a => Assert.Equal("Bearer " + XHarness.Token, a));
        Assert.DoesNotContain(XHarness.Token, x.Logger.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_waits_until_x_rate_limit_reset_and_429s_back_off_exponentially_from_a_minute()
    {
        await using var x = await XHarness.StartAsync(kafka);
        var reset = x.Clock.GetUtcNow().AddSeconds(90).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        x.StandIn.ThenStatus(429, XStandIn.TooManyConnections, new Dictionary<string, string> { ["x-rate-limit-reset"] = reset });
        x.StandIn.ThenStatus(429, XStandIn.TooManyConnections);
        x.StandIn.ThenLines(Posts(0, 5), StreamEnd.Silence);
        x.Run();

        await SourceTestKit.WaitForAsync(() => x.Reconnects.Count == 1, "the first 429");
        Assert.Equal((XFailureKind.RateLimited, TimeSpan.FromSeconds(90)), (x.Reconnect(1).Kind, x.Reconnect(1).Delay));
        x.Clock.Advance(TimeSpan.FromSeconds(89));
        await SourceTestKit.StaysFalseAsync(() => x.StandIn.StreamConnections > 1, "reconnected before x-rate-limit-reset");
        x.Clock.Advance(TimeSpan.FromSeconds(1));

        // No reset header the second time: the second step of the 1-minute exponential.
        await SourceTestKit.WaitForAsync(() => x.Reconnects.Count == 2, "the second 429");
        Assert.Equal((XFailureKind.RateLimited, TimeSpan.FromMinutes(2)), (x.Reconnect(2).Kind, x.Reconnect(2).Delay));
        x.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await SourceTestKit.StaysFalseAsync(() => x.StandIn.StreamConnections > 2, "reconnected before two minutes");
        x.Clock.Advance(TimeSpan.FromSeconds(1));

        await SourceTestKit.WaitForAsync(() => x.Metrics.Produced == 5, "5 posts after the rate limit");
        await x.StopAsync();
        Assert.Equal(5, x.Records(expected: 5).Count);
    }

    [Fact]
    public async Task Twenty_seconds_without_data_or_keep_alive_is_a_stall_and_the_stream_is_reopened()
    {
        await using var x = await XHarness.StartAsync(kafka);
        x.StandIn.ThenLines(Posts(0, 3), StreamEnd.Silence);
        x.StandIn.ThenLines(Posts(3, 2), StreamEnd.Silence);
        x.Run();

        await SourceTestKit.WaitForAsync(() => x.Metrics.Received == 3, "the first three posts");
        x.Clock.Advance(TimeSpan.FromSeconds(19));
        await SourceTestKit.StaysFalseAsync(() => x.StandIn.StreamConnections > 1, "gave up on a connection silent for only 19 s");
        x.Clock.Advance(TimeSpan.FromSeconds(1));

        await SourceTestKit.WaitForAsync(() => x.Metrics.Produced == 5, "the posts of the second connection");
        await x.StopAsync();
        var stall = Assert.Single(x.Reconnects);
        Assert.Equal((XFailureKind.Dropped, TimeSpan.Zero), (stall.Kind, stall.Delay));
        Assert.Contains("stalled", stall.Reason, StringComparison.Ordinal);
        Assert.Equal(5, x.Records(expected: 5).Select(r => r.Tweet.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_malformed_line_is_counted_and_reported_and_the_connection_goes_on()
    {
        await using var x = await XHarness.StartAsync(kafka);
        var posts = Posts(0, 3).ToList();
        x.StandIn.ThenLines(
            [posts[0], "{\"data\": {\"id\": ", posts[1], "[1, 2]", "{\"data\": {\"id\": \"abc\", \"text\": \"no number\"}}", posts[2]],
            StreamEnd.Silence);
        x.Run();

        await SourceTestKit.WaitForAsync(() => x.Metrics.Produced == 3 && x.Metrics.Malformed == 3, "three posts and three malformed lines");
        await x.StopAsync();
        Assert.Empty(x.Reconnects);
        Assert.Equal(1, x.StandIn.StreamConnections);
        Assert.Contains("not JSON", x.Logger.Text, StringComparison.Ordinal);
        Assert.Contains("'abc' is not a whole number", x.Logger.Text, StringComparison.Ordinal);
        Assert.Equal(3, x.Records(expected: 3).Count);
    }

    [Fact]
    public async Task Network_errors_back_off_linearly_and_http_errors_exponentially()
    {
        await using var x = await XHarness.StartAsync(kafka);
        x.StandIn.ThenAbortBeforeHeaders();
        x.StandIn.ThenAbortBeforeHeaders();
        x.StandIn.ThenStatus(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}");
        x.StandIn.ThenStatus(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}");
        x.StandIn.ThenLines(Posts(0, 2), StreamEnd.Silence);
        x.Run();

        (XFailureKind, TimeSpan)[] expected =
        [
            (XFailureKind.Network, TimeSpan.FromMilliseconds(250)),
            (XFailureKind.Network, TimeSpan.FromMilliseconds(500)),
            (XFailureKind.Http, TimeSpan.FromSeconds(5)),
            (XFailureKind.Http, TimeSpan.FromSeconds(10)),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            await SourceTestKit.WaitForAsync(() => x.Reconnects.Count == i + 1, $"failure {i + 1}");
            var reconnect = x.Reconnect(i + 1);
            Assert.Equal(expected[i], (reconnect.Kind, reconnect.Delay));
            x.Clock.Advance(reconnect.Delay);
        }

        await SourceTestKit.WaitForAsync(() => x.Metrics.Produced == 2, "posts once the stream answers");
        await x.StopAsync();
        Assert.Equal(4, x.Metrics.Reconnects);
    }

    [Fact]
    public async Task A_refused_token_stops_the_stream_with_the_fix_and_without_the_token()
    {
        await using var x = await XHarness.StartAsync(kafka);
        x.StandIn.ThenStatus(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
        x.Run();

        var result = await x.EndAsync();
        var error = Assert.IsType<XApiException>(result.Failure);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("XStream:BearerToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(XHarness.Token, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, x.StandIn.StreamConnections);
    }
}
