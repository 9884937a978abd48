using Etl.Enrichment.Input;

namespace Etl.Benchmarks.Enrichment;

/// <summary>A fixed mix of tweet shapes: plain text, entity-heavy, emoji, non-Latin, long, with and without locations.</summary>
internal static class BenchmarkTweets
{
    public static readonly string[] Texts =
    [
        "Just landed in Tokyo and the food is already amazing 🍣🍜 #travel #japan",
        "RT @nasa: Perseverance has landed on Mars! Watch the replay https://t.co/abc123XYZ #CountdownToMars",
        "I can't believe the service at this place, waited 2 hours and nobody cared. Never again. 😡",
        "$AAPL up 3% premarket after earnings beat, $MSFT flat. Thoughts? https://www.cnbc.com/markets",
        "Nuevo episodio del podcast ya disponible 🎙️ escúchalo aquí: bit.ly/podcast42 #podcast #españa",
        "@united my flight UA123 got cancelled again... third time this month. Not happy!!!",
        "Wir sehen uns morgen in Berlin! #Bundesliga ⚽️",
        "ok",
        "Thread 🧵 1/ Why distributed systems are hard: clocks drift, networks partition, and retries duplicate work. Idempotency keys and at-least-once delivery with dedup in the sink are the pragmatic answer.",
        "Beautiful sunset tonight 🌅 so grateful for days like this :)",
        "#東京 の天気は晴れ ☀️ 今日も頑張ろう",
        "Breaking: earthquake of magnitude 6.1 reported off the coast, no tsunami warning issued yet http://example.com/news/quake",
        "lol this is sooooo funny 😂😂😂 @friend you have to see it",
        "Meeting moved to 3pm, agenda in the shared doc.",
        "Worst. Update. Ever. My battery dies in two hours now #fail",
        "Congrats to all the graduates! 🎓🎉 So proud of you!",
    ];

    private static readonly string?[] Locations = ["NYC", null, "London, UK", "the moon", "São Paulo, Brasil", "Austin, TX", null, "somewhere", "California", null, "東京", "Lagos | Abuja", null, "Paris, France", "Toronto, ON", null];

    public static SourceTweet[] Tweets() => Texts.Select((text, i) => new SourceTweet
    {
        Id = (1390000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Text = text,
        Lang = "en",
        User = new SourceUser { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScreenName = "user" + i, Location = Locations[i] },
        Coordinates = i == 6 ? new GeoCoordinate(52.52, 13.405) : null,
        Place = i == 12 ? new SourcePlace { Name = "Lisbon", FullName = "Lisbon, Portugal", PlaceType = "city", CountryCode = "PT", BoundingBox = new BoundingBox(-9.23, 38.69, -9.09, 38.80) } : null,
    }).ToArray();
}
