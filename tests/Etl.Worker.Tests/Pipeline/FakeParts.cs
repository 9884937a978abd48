using System.Collections.Concurrent;
using System.Text;
using Etl.Schemas.Documents;
using Etl.Worker.Indexing;
using Etl.Worker.Pipeline;
using etl.tweets;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>Decodes "tweet:ID" values; anything else is undecodable.</summary>
internal sealed class TextRecordProcessor : IRecordProcessor
{
    public ValueTask<RecordOutcome> ProcessAsync(string topic, byte[]? key, byte[]? value, DateTimeOffset ingestedAt) => ValueTask.FromResult(Process(value, ingestedAt));

    private static RecordOutcome Process(byte[]? value, DateTimeOffset ingestedAt)
    {
        var text = value is null ? "" : Encoding.UTF8.GetString(value);
        if (!text.StartsWith("tweet:", StringComparison.Ordinal))
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new FormatException($"not a tweet: '{text}'"));
        }

        var id = text["tweet:".Length..];
        var document = new TweetDocument
        {
            Id = id,
            CreatedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
            IngestedAt = ingestedAt,
            Text = "text of " + id,
        };
        return RecordOutcome.Indexable(document, "tweets-2024.05");
    }
}

/// <summary>
/// A sink whose answers are scripted per test: a share of items answered 429 on their first attempt, items
/// rejected with 400, whole requests failing, or the sink down altogether. Records what it acknowledged.
/// </summary>
internal sealed class ScriptedSink : IDocumentSink
{
    private readonly ConcurrentDictionary<string, int> acknowledged = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private int requests;
    private int failWholeRequests;

    public Func<string, int, SinkItemResult?>? ItemRule { get; set; }

    public volatile bool Down;

    public TimeSpan Delay { get; set; }

    public int Requests => Volatile.Read(ref requests);

    public int Writes => acknowledged.Values.Sum();

    public ICollection<string> DistinctIds => acknowledged.Keys;

    public void FailNextRequests(int count) => Interlocked.Exchange(ref failWholeRequests, count);

    public async Task<IReadOnlyList<SinkItemResult>> WriteAsync(IReadOnlyList<IndexAction> actions, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Down)
        {
            throw new SinkRequestException(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Reason: "connection refused (scripted)"));
        }

        if (Interlocked.Decrement(ref failWholeRequests) >= 0)
        {
            throw new SinkRequestException(Answer.Request(503, "cluster_block_exception", "503 for the whole request (scripted)"));
        }

        var results = new SinkItemResult[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            var id = actions[i].Id;
            var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            var scripted = ItemRule?.Invoke(id, attempt);
            results[i] = scripted ?? new SinkItemResult(201);
            if (results[i].IsSuccess)
            {
                acknowledged.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
        }

        return results;
    }
}

internal sealed class CollectingDeadLetterSink : IDeadLetterSink
{
    public ConcurrentQueue<FailedRecord> Records { get; } = new();

    public Task SendAsync(FailedRecord record, CancellationToken cancellationToken)
    {
        Records.Enqueue(record);
        return Task.CompletedTask;
    }
}
