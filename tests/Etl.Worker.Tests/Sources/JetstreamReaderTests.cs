using Etl.Schemas.Naming;
using Etl.Testing.Kafka;
using Etl.Testing.Network;
using Etl.Worker.Sources.Bluesky;
using Microsoft.Extensions.Time.Testing;

namespace Etl.Worker.Tests.Sources;

/// <summary>The Jetstream reader against a Kestrel WebSocket stand-in, producing to the mock cluster.</summary>
public sealed class JetstreamReaderTests : IClassFixture<KafkaMockCluster>, IDisposable
{
    private const string Alice = "did:plc:eygmaihciaxprqvxpfvl6flk";
    private const long Start = 1_764_633_600_000_000; // 2025-12-02T00:00:00Z in microseconds
    private const long Second = 1_000_000;
    private readonly KafkaMockCluster kafka;
    private readonly string directory = Directory.CreateTempSubdirectory("jetstream-").FullName;

    public JetstreamReaderTests(KafkaMockCluster kafka) => this.kafka = kafka;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>An identity event, <paramref name="posts"/> posts one second apart, and a delete and an account event among them.</summary>
    private static JetstreamStandIn Fill(JetstreamStandIn standIn, int posts)
    {
        standIn.AddIdentity(Alice, "alice.bsky.social", Start);
        for (var i = 0; i < posts; i++)
        {
            standIn.AddPost(Alice, $"3lbk{i:D9}", $"post {i} #solar", Start + ((i + 1) * Second));
            if (i == 10)
            {
                standIn.AddDelete(Alice, "3lbk000000003", Start + ((i + 1) * Second) + 1);
            }
        }

        return standIn;
    }

    private JetstreamOptions Options(params string[] instances)
    {
        var options = new JetstreamOptions { CursorFile = Path.Combine(directory, "jetstream.cursor"), CursorRewind = TimeSpan.FromSeconds(2) };
        options.Instances.AddRange(instances);
        options.WantedDids.Add(Alice);
        return options;
    }

    [Fact]
    public async Task A_restart_resumes_from_the_saved_cursor_with_no_gap()
    {
        await using var standIn = Fill(await JetstreamStandIn.StartAsync(), posts: 40);
        standIn.Then(events: 27, StreamEnd.Silence); // identity, 25 posts and the delete
        var topic = kafka.CreateTopic("bsky", partitions: 3);
        await using var registry = await LocalRegistry.StartAsync(topic);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options(standIn.Url.ToString());

        long saved;
        await using (var first = new JetstreamRun(kafka, topic, registry.Client, options, clock))
        {
            await SourceTestKit.WaitForAsync(() => first.Metrics.Produced == 25, "25 posts acknowledged");
            var result = await first.StopAsync();
            Assert.True(result.Succeeded);
            saved = Assert.IsType<long>(result.SavedCursor);
            Assert.Equal(saved, first.Cursor.Read());
            // The cursor is the last event read, every post before it acknowledged by Kafka.
            Assert.Equal(standIn.Events[26].TimeUs, saved);
        }

        await using (var second = new JetstreamRun(kafka, topic, registry.Client, options, clock))
        {
            // Resumed from the saved cursor rewound 2 s: posts 22-24 come again (same ids), then 25-39.
            await SourceTestKit.WaitForAsync(() => second.Metrics.Received == 18, "the rest of the posts");
            await SourceTestKit.WaitForAsync(() => second.Metrics.Produced == 18, "the rest acknowledged");
            await second.StopAsync();
        }

        Assert.Equal([null, saved - (2 * Second)], standIn.RequestedCursors);
        // No gap: the cursor asked for is at or before the last event the first run had acknowledged.
        Assert.True(standIn.RequestedCursors.Last() <= saved);
        var records = SourceTestKit.ReadAll(kafka, topic, registry, expected: 43);
        Assert.Equal(40, records.Select(r => r.Tweet.Id).Distinct().Count());
        Assert.All(records, r => Assert.Equal(SourceNetworks.Bluesky, r.Tweet.Network));
        // The handle is known from the identity event; after the restart (which resumed past it) the DID stands in.
        Assert.All(records, r => Assert.Contains(r.Tweet.User.ScreenName, new[] { "alice.bsky.social", Alice }));
        Assert.Equal(25, records.Count(r => r.Tweet.User.ScreenName == "alice.bsky.social"));
        Assert.All(standIn.Queries, q => Assert.Contains($"wantedCollections=app.bsky.feed.post&wantedDids={Uri.EscapeDataString(Alice)}", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dead_instance_and_a_dropped_connection_move_to_the_next_instance_with_backoff_and_resume_from_the_last_event()
    {
        await using var standIn = Fill(await JetstreamStandIn.StartAsync(), posts: 30);
        standIn.Then(events: 11, StreamEnd.Abort); // identity and 10 posts, then the connection drops
        var topic = kafka.CreateTopic("bsky-failover", partitions: 2);
        await using var registry = await LocalRegistry.StartAsync(topic);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dead = $"ws://127.0.0.1:{FreeTcpPort.Next()}/subscribe";
        await using var run = new JetstreamRun(kafka, topic, registry.Client, Options(dead, standIn.Url.ToString()), clock);

        await SourceTestKit.WaitForAsync(() => !run.Reconnects.IsEmpty, "the dead instance fails");
        var first = run.Reconnects.First();
        Assert.Equal((standIn.Url.ToString(), TimeSpan.FromSeconds(1)), (first.Instance, first.Delay));
        clock.Advance(TimeSpan.FromSeconds(1));

        // After the drop: straight to the next instance (dead), which fails, and back after the first backoff step.
        await SourceTestKit.WaitForAsync(() => run.Reconnects.Count == 3, "the drop and the dead instance again");
        var afterDrop = run.Reconnects.ElementAt(1);
        Assert.Equal((dead, TimeSpan.Zero), (afterDrop.Instance, afterDrop.Delay));
        var back = run.Reconnects.ElementAt(2);
        Assert.Equal((standIn.Url.ToString(), TimeSpan.FromSeconds(1)), (back.Instance, back.Delay));
        Assert.Equal(standIn.Events[10].TimeUs, back.Cursor);
        clock.Advance(TimeSpan.FromSeconds(1));

        await SourceTestKit.WaitForAsync(() => run.Metrics.Produced >= 31, "every post");
        await run.StopAsync();
        Assert.Equal([null, standIn.Events[10].TimeUs], standIn.RequestedCursors);
        Assert.Equal(30, SourceTestKit.ReadAll(kafka, topic, registry, expected: 31).Select(r => r.Tweet.Id).Distinct().Count());
    }
}
