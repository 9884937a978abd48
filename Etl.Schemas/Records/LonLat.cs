namespace Etl.Schemas.Records;

/// <summary>A corner of a place's bounding box (schema <c>etl.tweets.LonLat</c>).</summary>
public sealed record LonLat(double Lon, double Lat);
