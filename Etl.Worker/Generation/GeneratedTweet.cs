using Etl.Enrichment.Input;

namespace Etl.Worker.Generation;

/// <summary>
/// One synthetic tweet, in the same source-neutral form the JSON readers produce, plus the generator's ground truth.
/// </summary>
/// <param name="Tweet">The tweet itself.</param>
/// <param name="Trend">The planted trend it belongs to, if any (not part of the tweet).</param>
/// <param name="Tone">The wording the generator chose: positive, neutral or negative (not part of the tweet).</param>
public sealed record GeneratedTweet(SourceTweet Tweet, string? Trend, string Tone);
