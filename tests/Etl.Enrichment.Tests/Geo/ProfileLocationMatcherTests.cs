using Etl.Enrichment.Geo;

namespace Etl.Enrichment.Tests.Geo;

public class ProfileLocationMatcherTests
{
    private static readonly ProfileLocationMatcher Matcher = ProfileLocationMatcher.Default;

    [Theory]
    [InlineData("NYC", "New York City", "US")]
    [InlineData("New York", "New York City", "US")]
    [InlineData("SF", "San Francisco", "US")]
    [InlineData("LA", "Los Angeles", "US")]
    [InlineData("London, UK", "London", "GB")]
    [InlineData("London, Ontario", "London", "CA")]
    [InlineData("Paris, France", "Paris", "FR")]
    [InlineData("Paris, TX", "Paris", "US")]
    [InlineData("Austin, Texas, USA", "Austin", "US")]
    [InlineData("München", "Munich", "DE")]
    [InlineData("Москва", "Moscow", "RU")]
    [InlineData("Tokyo, Japan 🗼", "Tokyo", "JP")]
    [InlineData("Lagos | Abuja", "Lagos", "NG")]
    public void CityNames_AndAliases_FindTheCity(string text, string city, string country)
    {
        var match = Matcher.Match(text);

        Assert.NotNull(match);
        Assert.Equal(PlaceKind.City, match.Entry.Kind);
        Assert.Equal(city, match.Entry.Name);
        Assert.Equal(country, match.Entry.CountryCode);
        Assert.InRange(match.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData("UK", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Brasil", "BR")]
    [InlineData("India", "IN")]
    public void CountryNames_FindTheCountry(string text, string country)
    {
        var match = Matcher.Match(text);

        Assert.NotNull(match);
        Assert.Equal(PlaceKind.Country, match.Entry.Kind);
        Assert.Equal(country, match.Entry.CountryCode);
    }

    [Theory]
    [InlineData("California", "California", "US")]
    [InlineData("TX", "Texas", "US")]
    [InlineData("Ontario, Canada", "Ontario", "CA")]
    [InlineData("British Columbia", "British Columbia", "CA")]
    public void StatesAndProvinces_FindTheRegion(string text, string region, string country)
    {
        var match = Matcher.Match(text);

        Assert.NotNull(match);
        Assert.Equal(PlaceKind.Region, match.Entry.Kind);
        Assert.Equal(region, match.Entry.Name);
        Assert.Equal(country, match.Entry.CountryCode);
    }

    [Theory]
    [InlineData("the moon")]
    [InlineData("somewhere")]
    [InlineData("Earth")]
    [InlineData("in your heart ❤️")]
    [InlineData("🌍")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("la la land")]
    [InlineData("wherever the music takes me")]
    public void TextsNamingNoPlace_GiveNothing(string? text) => Assert.Null(Matcher.Match(text));

    [Fact]
    public void AmbiguousQualifiedPlaces_AreMoreConfidentThanBareNames()
    {
        var bare = Matcher.Match("Springfield");
        var qualified = Matcher.Match("Springfield, IL");

        Assert.NotNull(bare);
        Assert.NotNull(qualified);
        Assert.Equal("IL", qualified.Entry.Admin1);
        Assert.True(qualified.Confidence > bare.Confidence);
    }
}
