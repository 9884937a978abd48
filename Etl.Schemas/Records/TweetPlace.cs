namespace Etl.Schemas.Records;

/// <summary>The place a tweet is tagged with (schema <c>etl.tweets.Place</c>).</summary>
public sealed record TweetPlace
{
    public required string Id { get; init; }

    public string? FullName { get; init; }

    public string? Name { get; init; }

    public string? CountryCode { get; init; }

    public string? Country { get; init; }

    public string? PlaceType { get; init; }

    public IReadOnlyList<LonLat> BoundingBox { get; init; } = [];
}
