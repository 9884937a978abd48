using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>A corner of a place's bounding box (schema <c>etl.tweets.LonLat</c>).</summary>
public sealed record LonLat(double Lon, double Lat) : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested((RecordSchema)Place._SCHEMA, "bounding_box");
#pragma warning restore CA1707, CA2211

    /// <summary>For Apache Avro's reader, which creates a record before filling its fields.</summary>
    public LonLat()
        : this(0, 0)
    {
    }

    public double Lon { get; private set; } = Lon;

    public double Lat { get; private set; } = Lat;

    Schema ISpecificRecord.Schema => _SCHEMA;

    object ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => Lon,
        1 => Lat,
        _ => throw AvroValues.BadIndex(nameof(LonLat), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Lon = (double)fieldValue; break;
            case 1: Lat = (double)fieldValue; break;
            default: throw AvroValues.BadIndex(nameof(LonLat), fieldPos);
        }
    }
}
