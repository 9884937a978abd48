using Avro;
using Avro.Specific;

namespace etl.tweets;

/// <summary>The place a tweet is tagged with (schema <c>etl.tweets.Place</c>).</summary>
public sealed record Place : ISpecificRecord
{
#pragma warning disable CA1707, CA2211 // The ISpecificRecord convention the serdes reflect on.
    public static readonly Schema _SCHEMA = TweetSchemas.Nested(TweetSchemas.Tweet, "place");
#pragma warning restore CA1707, CA2211

    private string id = "";
    private string? fullName;
    private string? name;
    private string? countryCode;
    private string? country;
    private string? placeType;
    private IReadOnlyList<LonLat> boundingBox = [];

    public required string Id { get => id; init => id = value; }

    public string? FullName { get => fullName; init => fullName = value; }

    public string? Name { get => name; init => name = value; }

    public string? CountryCode { get => countryCode; init => countryCode = value; }

    public string? Country { get => country; init => country = value; }

    public string? PlaceType { get => placeType; init => placeType = value; }

    public IReadOnlyList<LonLat> BoundingBox { get => boundingBox; init => boundingBox = value; }

    Schema ISpecificRecord.Schema => _SCHEMA;

    object? ISpecificRecord.Get(int fieldPos) => fieldPos switch
    {
        0 => id,
        1 => fullName,
        2 => name,
        3 => countryCode,
        4 => country,
        5 => placeType,
        6 => AvroValues.ToList(boundingBox),
        _ => throw AvroValues.BadIndex(nameof(Place), fieldPos),
    };

    void ISpecificRecord.Put(int fieldPos, object? fieldValue)
    {
        switch (fieldPos)
        {
            case 0: id = (string)fieldValue!; break;
            case 1: fullName = (string?)fieldValue; break;
            case 2: name = (string?)fieldValue; break;
            case 3: countryCode = (string?)fieldValue; break;
            case 4: country = (string?)fieldValue; break;
            case 5: placeType = (string?)fieldValue; break;
            case 6: boundingBox = (List<LonLat>)fieldValue!; break;
            default: throw AvroValues.BadIndex(nameof(Place), fieldPos);
        }
    }
}
