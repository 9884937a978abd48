using Etl.Enrichment.Geo;
using Etl.Enrichment.Input;
using Etl.Schemas.Documents;

namespace Etl.Enrichment.Tests.Geo;

public class GeocoderTests
{
    private static SourceTweet Tweet(GeoCoordinate? coordinates = null, SourcePlace? place = null, string? profile = null) => new()
    {
        Id = "1",
        Text = "hello",
        Coordinates = coordinates,
        Place = place,
        User = new SourceUser { Id = "2", Location = profile },
    };

    [Theory]
    [InlineData(48.8566, 2.3522, "FR", "France")]
    [InlineData(40.7128, -74.0060, "US", "United States of America")]
    [InlineData(35.6762, 139.6503, "JP", "Japan")]
    [InlineData(-33.8688, 151.2093, "AU", "Australia")]
    [InlineData(-1.2921, 36.8219, "KE", "Kenya")]
    [InlineData(1.3521, 103.8198, "SG", "Singapore")]
    public void Points_AreReverseGeocodedToTheirCountry(double lat, double lon, string code, string name)
    {
        var country = CountryPolygons.Default.Locate(new GeoCoordinate(lat, lon));

        Assert.NotNull(country);
        Assert.Equal(code, country.Code);
        Assert.Equal(name, country.Name);
    }

    [Fact]
    public void MidOcean_HasNoCountry() => Assert.Null(CountryPolygons.Default.Locate(new GeoCoordinate(30, -40)));

    [Fact]
    public void ExactCoordinates_WinOverPlaceAndProfile()
    {
        var geo = Geocoder.Default.Locate(Tweet(new GeoCoordinate(51.5074, -0.1278), new SourcePlace { BoundingBox = new BoundingBox(2.2, 48.8, 2.4, 48.9) }, "Tokyo"));

        Assert.NotNull(geo);
        Assert.Equal(GeoSources.Coordinates, geo.Source);
        Assert.Equal("GB", geo.CountryCode);
        Assert.Equal(1.0, geo.Confidence);
    }

    [Fact]
    public void Place_GivesTheBoundingBoxCentre()
    {
        var place = new SourcePlace { Name = "Paris", FullName = "Paris, France", PlaceType = "city", CountryCode = "FR", BoundingBox = new BoundingBox(2.224, 48.815, 2.469, 48.902) };

        var geo = Geocoder.Default.Locate(Tweet(place: place, profile: "Tokyo"));

        Assert.NotNull(geo);
        Assert.Equal(GeoSources.Place, geo.Source);
        Assert.Equal(48.8585, geo.Location.Lat, 3);
        Assert.Equal(2.3465, geo.Location.Lon, 3);
        Assert.Equal(("FR", "Paris", "Paris, France"), (geo.CountryCode, geo.City, geo.PlaceName));
        Assert.True(geo.Confidence >= 0.9);
    }

    [Fact]
    public void ProfileLocation_IsTheLastResort()
    {
        var geo = Geocoder.Default.Locate(Tweet(profile: "Austin, TX"));

        Assert.NotNull(geo);
        Assert.Equal(GeoSources.Profile, geo.Source);
        Assert.Equal(("US", "Austin", "Texas"), (geo.CountryCode, geo.City, geo.Region));
        Assert.InRange(geo.Location.Lat, 30, 30.6);
        Assert.True(geo.Confidence < 1.0);
    }

    [Fact]
    public void NoLocationAnywhere_GivesNoGeo() => Assert.Null(Geocoder.Default.Locate(Tweet(profile: "the moon")));
}
