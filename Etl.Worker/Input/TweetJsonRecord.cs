using Etl.Enrichment.Input;

namespace Etl.Worker.Input;

/// <summary>
/// One outcome of reading tweet JSON: a tweet, a skipped non-tweet message (stream preambles, delete notices,
/// API error objects), or an error for input that is not valid. <c>Line</c> is 1-based.
/// </summary>
public sealed record TweetJsonRecord(int Line, SourceTweet? Tweet, string? Error = null, string? Skipped = null);
