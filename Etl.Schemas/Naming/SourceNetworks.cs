namespace Etl.Schemas.Naming;

/// <summary>
/// Values of the <c>network</c> field (Avro <c>Tweet.network</c>, document <c>network</c>): which social network a
/// post comes from. <c>source</c> is something else — the client the post was written with.
/// </summary>
public static class SourceNetworks
{
    /// <summary>X, formerly Twitter: API v1.1 and v2 files, the synthetic generator and the filtered stream.</summary>
    public const string X = "x";

    /// <summary>Bluesky, read from Jetstream.</summary>
    public const string Bluesky = "bluesky";
}
