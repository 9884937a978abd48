namespace Etl.Schemas.Documents;

public static class GeoSources
{
    /// <summary>Exact coordinates attached to the tweet.</summary>
    public const string Coordinates = "coordinates";

    /// <summary>Centre of the tagged place's bounding box.</summary>
    public const string Place = "place";

    /// <summary>The user's free-text profile location, matched against the gazetteer.</summary>
    public const string Profile = "profile";
}
