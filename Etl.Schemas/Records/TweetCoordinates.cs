namespace Etl.Schemas.Records;

/// <summary>The exact point attached to a tweet (schema <c>etl.tweets.Coordinates</c>).</summary>
public sealed record TweetCoordinates(double Lat, double Lon);
