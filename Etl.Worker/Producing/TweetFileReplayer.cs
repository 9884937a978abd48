using System.Diagnostics;
using Etl.Worker.Input;
using Etl.Worker.Mapping;

namespace Etl.Worker.Producing;

/// <summary>
/// Reads tweets in every format <c>enrich</c> reads and produces them as Avro, optionally at a fixed rate and in a
/// loop. A line that is not a tweet, or whose ids are not numbers, is reported with its number and skipped.
/// </summary>
public sealed class TweetFileReplayer(TweetProducer producer, TextWriter errors)
{
    /// <summary>Tweets handed to the producer so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Lines reported as bad so far.</summary>
    public int BadLines { get; private set; }

    public async Task ReplayAsync(FileInfo file, int tweetsPerSecond, bool loop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var clock = Stopwatch.StartNew();
        var startedWith = Sent;
        do
        {
            using var reader = file.OpenText();
            foreach (var record in TweetJsonReader.Read(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (record.Tweet is null)
                {
                    if (record.Error is not null)
                    {
                        BadLines++;
                        await errors.WriteLineAsync($"{file.Name}:{record.Line}: {record.Error}");
                    }

                    continue;
                }

                try
                {
                    await producer.ProduceAsync(TweetRecordMapper.ToAvro(record.Tweet));
                }
                catch (FormatException ex)
                {
                    BadLines++;
                    await errors.WriteLineAsync($"{file.Name}:{record.Line}: {ex.Message}");
                    continue;
                }

                Sent++;
                if (tweetsPerSecond > 0)
                {
                    // Pace against the clock, not per message, so the average rate holds.
                    var due = TimeSpan.FromSeconds((Sent - startedWith) / (double)tweetsPerSecond) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                }
            }
        }
        while (loop && !cancellationToken.IsCancellationRequested);
    }
}
