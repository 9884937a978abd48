namespace Etl.Worker.Generation;

/// <summary>The words the generator builds tweets from: steady background topics, tones, places, languages.</summary>
internal static class GeneratorLexicon
{
    public sealed record Topic(string[] Hashtags, string[] Subjects, string[] Details);

    public sealed record City(string Name, string Region, string CountryCode, string Country, double Lat, double Lon, string[] ProfileNames);

    public static readonly Topic[] Topics =
    [
        new(["coffee", "MondayMotivation"], ["my morning coffee", "this new espresso place", "a cold brew"], ["before work", "with friends", "on the way to the office"]),
        new(["football", "PremierLeague"], ["the match tonight", "that last-minute goal", "our defence"], ["in the second half", "at the stadium", "on the big screen"]),
        new(["NBA", "basketball"], ["the playoffs", "that buzzer beater", "the new trade"], ["last night", "in overtime", "this season"]),
        new(["AI", "MachineLearning"], ["the new language model", "our ML pipeline", "this AI demo"], ["at the conference", "in production", "on my laptop"]),
        new(["python", "dotnet", "programming"], ["this bug", "the new release", "our code review"], ["after three hours", "on a Friday", "in the sprint"]),
        new(["music", "NowPlaying"], ["this album", "the concert", "the new single"], ["on repeat", "live tonight", "on the radio"]),
        new(["travel", "wanderlust"], ["my flight", "this hotel", "the train ride"], ["to the coast", "through the mountains", "across the city"]),
        new(["food", "foodie"], ["this ramen", "homemade pizza", "the brunch menu"], ["downtown", "at home", "this weekend"]),
        new(["weather"], ["the rain", "this heatwave", "the first snow"], ["all day", "this morning", "again"]),
        new(["movies", "Netflix"], ["the new series", "that movie", "the finale"], ["last night", "in the cinema", "with popcorn"]),
        new(["gaming", "PS5"], ["the new update", "this boss fight", "the online match"], ["all night", "with my squad", "on stream"]),
        new(["fitness", "running"], ["my morning run", "leg day", "the half marathon"], ["in the park", "at the gym", "before sunrise"]),
        new(["crypto", "bitcoin"], ["the market", "this rally", "the dip"], ["today", "since Monday", "overnight"]),
        new(["books", "reading"], ["this novel", "the last chapter", "my book club pick"], ["on the train", "before bed", "all weekend"]),
        new(["climate", "sustainability"], ["the new solar farm", "our recycling drive", "the city bike lanes"], ["in town", "this year", "at last"]),
    ];

    public static readonly string[] Positive =
    [
        "Loving {0} {1}!", "{0} {1} was absolutely amazing", "So happy about {0} {1} :)", "Best day ever, {0} {1}",
        "Can't stop smiling about {0} {1}", "{0} {1} — great job everyone!", "Really enjoyed {0} {1}, highly recommend",
    ];

    public static readonly string[] Negative =
    [
        "Really disappointed with {0} {1}", "{0} {1} was terrible", "Ugh, {0} {1} ruined my day :(", "I hate {0} {1}",
        "{0} {1} is the worst, not happy", "So annoyed by {0} {1}", "Awful experience with {0} {1}",
    ];

    public static readonly string[] Neutral =
    [
        "Thinking about {0} {1}", "{0} {1} starts at 8", "Anyone else following {0} {1}?", "Reading about {0} {1}",
        "Notes on {0} {1}", "{0} {1}, details below", "Update on {0} {1}",
    ];

    public static readonly (string Lang, double Share, string[] Templates)[] Languages =
    [
        ("en", 0.72, []),
        ("es", 0.10, ["Qué buen día con {0}", "No me gusta nada {0}", "Hablando de {0} esta noche"]),
        ("pt", 0.05, ["Adorei {0} hoje", "Que dia horrível com {0}", "Alguém viu {0}?"]),
        ("fr", 0.05, ["J'adore {0} ce soir", "Vraiment déçu par {0}", "On parle de {0} demain"]),
        ("de", 0.04, ["Ich liebe {0}", "Total enttäuscht von {0}", "Heute geht es um {0}"]),
        ("ja", 0.04, ["{0}がとても楽しかった", "{0}は最悪だった", "{0}について考えている"]),
    ];

    public static readonly City[] Cities =
    [
        new("New York", "New York", "US", "United States", 40.7128, -74.0060, ["New York, NY", "NYC", "Brooklyn, NY"]),
        new("Los Angeles", "California", "US", "United States", 34.0522, -118.2437, ["Los Angeles, CA", "LA", "LA, California"]),
        new("San Francisco", "California", "US", "United States", 37.7749, -122.4194, ["San Francisco", "SF", "Bay Area"]),
        new("Chicago", "Illinois", "US", "United States", 41.8781, -87.6298, ["Chicago, IL", "Chicago"]),
        new("Austin", "Texas", "US", "United States", 30.2672, -97.7431, ["Austin, TX"]),
        new("Seattle", "Washington", "US", "United States", 47.6062, -122.3321, ["Seattle, WA"]),
        new("Toronto", "Ontario", "CA", "Canada", 43.6532, -79.3832, ["Toronto, Ontario", "Toronto"]),
        new("Vancouver", "British Columbia", "CA", "Canada", 49.2827, -123.1207, ["Vancouver, BC"]),
        new("London", "England", "GB", "United Kingdom", 51.5074, -0.1278, ["London, UK", "London", "London, England"]),
        new("Manchester", "England", "GB", "United Kingdom", 53.4808, -2.2426, ["Manchester, UK"]),
        new("Paris", "Île-de-France", "FR", "France", 48.8566, 2.3522, ["Paris, France", "Paris"]),
        new("Berlin", "Berlin", "DE", "Germany", 52.5200, 13.4050, ["Berlin, Germany", "Berlin"]),
        new("Madrid", "Madrid", "ES", "Spain", 40.4168, -3.7038, ["Madrid, España", "Madrid"]),
        new("Barcelona", "Catalonia", "ES", "Spain", 41.3874, 2.1686, ["Barcelona"]),
        new("Mexico City", "Mexico City", "MX", "Mexico", 19.4326, -99.1332, ["CDMX", "Mexico City"]),
        new("São Paulo", "São Paulo", "BR", "Brazil", -23.5505, -46.6333, ["São Paulo, Brasil", "Sao Paulo"]),
        new("Buenos Aires", "Buenos Aires", "AR", "Argentina", -34.6037, -58.3816, ["Buenos Aires, Argentina"]),
        new("Tokyo", "Tokyo", "JP", "Japan", 35.6762, 139.6503, ["Tokyo, Japan", "東京"]),
        new("Sydney", "New South Wales", "AU", "Australia", -33.8688, 151.2093, ["Sydney, Australia", "Sydney NSW"]),
        new("Mumbai", "Maharashtra", "IN", "India", 19.0760, 72.8777, ["Mumbai, India", "Bombay"]),
        new("Lagos", "Lagos", "NG", "Nigeria", 6.5244, 3.3792, ["Lagos, Nigeria"]),
        new("Nairobi", "Nairobi", "KE", "Kenya", -1.2921, 36.8219, ["Nairobi, Kenya"]),
        new("Dublin", "Leinster", "IE", "Ireland", 53.3498, -6.2603, ["Dublin, Ireland"]),
        new("Amsterdam", "North Holland", "NL", "Netherlands", 52.3676, 4.9041, ["Amsterdam"]),
    ];

    /// <summary>Profile locations that name no place; geolocation must leave these alone.</summary>
    public static readonly string[] Nowhere = ["the moon", "somewhere", "in your heart", "worldwide", "here and there", "🌍", "your mom's house"];

    public static readonly string[] Emoji = ["😀", "😂", "🔥", "❤️", "👍", "🎉", "😢", "😡", "🙏", "✨", "⚽", "🎶"];

    public static readonly string[] Domains = ["example.com", "news.example.org", "blog.example.net", "youtube.com", "github.com", "medium.com"];

    public static readonly string[] Cashtags = ["AAPL", "TSLA", "MSFT", "NVDA", "BTC", "ETH"];

    public static readonly string[] Clients = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "TweetDeck"];

    /// <summary>Words a planted trend picks its key terms from, so each trend has a distinctive vocabulary.</summary>
    public static readonly string[] TrendWords =
    [
        "totality", "announcement", "outage", "launch", "verdict", "landfall", "premiere", "recall", "merger", "strike",
        "eruption", "championship", "keynote", "shortage", "record", "scandal", "festival", "evacuation", "breakthrough", "comeback",
        "tsunami", "aurora", "heist", "summit", "rally", "blackout", "upset", "unveiling", "meteor", "wildfire",
    ];
}
