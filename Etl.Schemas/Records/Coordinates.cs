using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>The exact point attached to a tweet (schema <c>etl.tweets.Coordinates</c>).</summary>
public sealed record Coordinates(double Lat, double Lon) : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested(TweetSchemas.Tweet, "coordinates");
#pragma warning restore CA1707, CA2211

    /// <summary>For Apache Avro's reader, which creates a record before filling its fields.</summary>
    public Coordinates()
        : this(0, 0)
    {
    }

    public double Lat { get; private set; } = Lat;

    public double Lon { get; private set; } = Lon;

    Schema ISpecificRecord.Schema => _SCHEMA;

    object ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => Lat,
        1 => Lon,
        _ => throw AvroValues.BadIndex(nameof(Coordinates), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Lat = (double)fieldValue; break;
            case 1: Lon = (double)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(Coordinates), fieldPos);
        }
    }
}
