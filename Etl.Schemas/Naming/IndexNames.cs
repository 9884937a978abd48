using System.Globalization;

namespace Etl.Schemas.Naming;

/// <summary>Elasticsearch index, alias and template names, in one place.</summary>
public static class IndexNames
{
    /// <summary>Alias over every monthly tweets index.</summary>
    public const string TweetsAlias = "tweets";

    /// <summary>Pattern the tweets index template applies to.</summary>
    public const string TweetsPattern = "tweets-*";

    /// <summary>Prefix of the rollup indices written by the scheduler.</summary>
    public const string RollupPrefix = "tweets-rollup-";

    /// <summary>Pattern the rollup index template applies to.</summary>
    public const string RollupPattern = RollupPrefix + "*";

    /// <summary>Index of trend clusters written by the scheduler.</summary>
    public const string Trends = "tweets-trends";

    /// <summary>Composable index template for the monthly tweets indices (priority 100).</summary>
    public const string TweetsIndexTemplate = "tweets";

    /// <summary>Index template for rollup indices; priority 200 so it, not <see cref="TweetsIndexTemplate"/>, applies to them.</summary>
    public const string RollupIndexTemplate = "tweets-rollup";

    /// <summary>Index template for <see cref="Trends"/>; priority 200 for the same reason as the rollups.</summary>
    public const string TrendsIndexTemplate = "tweets-trends";

    /// <summary>Component template with the tweets index settings (analysis, replicas, lifecycle).</summary>
    public const string TweetsSettingsComponent = "tweets-settings";

    /// <summary>Component template with the tweets mapping (mirrors <c>TweetDocument</c>).</summary>
    public const string TweetsMappingsComponent = "tweets-mappings";

    /// <summary>ILM policy attached to the monthly tweets indices.</summary>
    public const string TweetsLifecyclePolicy = "tweets-retention";

    /// <summary>Index template for <see cref="DeadLetters"/> (priority 200).</summary>
    public const string DeadLettersIndexTemplate = "tweets-deadletters";

    /// <summary>
    /// Index of dead letters (records that could not be decoded or indexed), mirrored from the dead-letter topic
    /// so Kibana can chart them; the topic stays the source of truth for re-drive.
    /// </summary>
    public const string DeadLetters = "tweets-deadletters";

    /// <summary>The monthly index a tweet belongs to, from its creation time (UTC): <c>tweets-YYYY.MM</c>.</summary>
    public static string TweetsIndexFor(DateTimeOffset createdAt)
    {
        var utc = createdAt.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"tweets-{utc.Year:D4}.{utc.Month:D2}");
    }
}
