using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Scheduler.Jobs;
using Etl.Testing.Elasticsearch;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Tests.Jobs;

public sealed class RetentionJobTests
{
    [Fact]
    public async Task Retention_deletes_only_monthly_tweets_indices_whose_month_ended_longer_ago_than_the_age()
    {
        await using var stub = await ElasticsearchStub.StartAsync();
        stub.Enqueue("GET", "/tweets-*", 200,
            """{"tweets-2024.01":{"aliases":{}},"tweets-2024.02":{"aliases":{}},"tweets-2024.03":{"aliases":{}},"tweets-rollup-1m":{"aliases":{}},"tweets-trends":{"aliases":{}},"tweets-deadletters":{"aliases":{}},"tweets-2024.13":{"aliases":{}}}""");
        using var client = new ElasticsearchClient(new ElasticsearchOptions { Url = stub.Url.ToString() });
        // 2024-03-31 + 30 days: February ended on 2024-03-01, more than 30 days before; March has just ended.
        var job = new RetentionJob(client, Options.Create(new ElasticsearchOptions { TweetsRetention = TimeSpan.FromDays(30) }), new FixedClock(new DateTimeOffset(2024, 4, 5, 0, 0, 0, TimeSpan.Zero)));

        var figures = await job.RunAsync(CancellationToken.None);

        var deleted = stub.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path).Order().ToList();
        Assert.Equal(["/tweets-2024.01", "/tweets-2024.02"], deleted);
        Assert.Equal(2, figures["indices_deleted"]);
        Assert.Equal(7, figures["indices_seen"]);
    }

    [Theory]
    [InlineData("tweets-2024.05", "2024-06-01T00:00:00+00:00")]
    [InlineData("tweets-2024.12", "2025-01-01T00:00:00+00:00")]
    [InlineData("tweets-rollup-1m", null)]
    [InlineData("tweets-trends", null)]
    [InlineData("tweets-2024.5", null)]
    public void MonthEnd_OnlyMonthlyIndexNames_HaveOne(string index, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), RetentionJob.MonthEnd(index));
}
