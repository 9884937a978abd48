using System.Text;
using Etl.Schemas.Documents;
using etl.tweets;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.Pipeline;

/// <summary>
/// Decodes "ID#VERSION" values into a document whose text names the version. Version 1 completes asynchronously and
/// takes a few milliseconds longer, as a tweet with more to enrich would, so parallel workers that ignore the key —
/// or a lane that hands records on in the order they finish — finish version 2 first.
/// </summary>
internal sealed class VersionedRecordProcessor : IRecordProcessor
{
    public async ValueTask<RecordOutcome> ProcessAsync(string topic, byte[]? key, byte[]? value, DateTimeOffset ingestedAt)
    {
        if (value is not null && Encoding.UTF8.GetString(value).EndsWith("#1", StringComparison.Ordinal))
        {
            await Task.Yield();
        }

        return Process(value, ingestedAt);
    }

    private static RecordOutcome Process(byte[]? value, DateTimeOffset ingestedAt)
    {
        var text = value is null ? "" : Encoding.UTF8.GetString(value);
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0)
        {
            return RecordOutcome.Failed(DeadLetterStage.deserialize, new FormatException($"not ID#VERSION: '{text}'"));
        }

        var version = text[(hash + 1)..];
        if (version == "1")
        {
            Thread.Sleep(3);
        }

        var document = new TweetDocument
        {
            Id = text[..hash],
            CreatedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
            IngestedAt = ingestedAt,
            Text = "version " + version,
        };
        return RecordOutcome.Indexable(document, "tweets-2024.05");
    }
}
