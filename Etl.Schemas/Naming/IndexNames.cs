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

    /// <summary>Index of trend clusters written by the scheduler.</summary>
    public const string Trends = "tweets-trends";

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
