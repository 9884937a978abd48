using System.Globalization;
using Bogus;
using Etl.Enrichment.Input;

namespace Etl.Worker.Generation;

/// <summary>
/// Realistic synthetic tweets: users with profiles, steady background topics, hashtags, mentions, URLs, emoji and
/// cashtags, several languages, exact coordinates / places / profile locations in realistic shares, power-law
/// engagement, and positive/neutral/negative wording — plus planted trends as ground truth for trend detection.
/// The same settings and seed give the same tweets, byte for byte.
/// </summary>
public sealed class TweetGenerator
{
    private const long TwitterEpochMs = 1_288_834_974_657;
    private readonly GeneratorSettings settings;

    public TweetGenerator(GeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Users, 1);
        if (settings.Span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Span, "The span to spread tweets over must be positive.");
        }

        this.settings = settings;
    }

    /// <summary>The key terms a planted trend's tweets use: the label's words plus three distinctive words.</summary>
    public static IReadOnlyList<string> TrendTerms(PlantedTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var words = trend.Label.Split('-', '_', StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToList();
        var hash = StableHash(trend.Label);
        for (var i = 0; words.Count < 5 && i < 20; i++)
        {
            var word = GeneratorLexicon.TrendWords[(int)((hash >> (i * 3)) % (ulong)GeneratorLexicon.TrendWords.Length)];
            if (!words.Contains(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    public IEnumerable<GeneratedTweet> Generate()
    {
        var random = new Random(settings.Seed);
        var faker = new Faker("en") { Random = new Randomizer(settings.Seed) };
        var users = Enumerable.Range(0, settings.Users).Select(i => MakeUser(i, faker, random)).ToArray();
        var trendTerms = settings.Trends.ToDictionary(t => t, TrendTerms);
        var step = settings.Span.Ticks / Math.Max(1, settings.Count);
        for (var i = 0; i < settings.Count; i++)
        {
            var offset = TimeSpan.FromTicks((step * i) + (long)(random.NextDouble() * step));
            var createdAt = settings.Start + offset;
            var user = users[(int)Math.Min(users.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 1.6) * users.Length))];
            var trend = settings.Trends.FirstOrDefault(t => t.IsActiveAt(offset) && random.NextDouble() < t.Share);
            yield return MakeTweet(i, createdAt, user, trend, trend is null ? null : trendTerms[trend], random, users);
        }
    }

    private static SourceUser MakeUser(int index, Faker faker, Random random)
    {
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var screenName = new string($"{first}{last}".Where(char.IsAsciiLetterOrDigit).ToArray()) + (index % 97).ToString(CultureInfo.InvariantCulture);
        string? location;
        var roll = random.NextDouble();
        if (roll < 0.55)
        {
            var city = GeneratorLexicon.Cities[random.Next(GeneratorLexicon.Cities.Length)];
            location = city.ProfileNames[random.Next(city.ProfileNames.Length)];
        }
        else if (roll < 0.65)
        {
            location = GeneratorLexicon.Nowhere[random.Next(GeneratorLexicon.Nowhere.Length)];
        }
        else
        {
            location = null;
        }

        var followers = (long)Math.Floor(10 * Math.Pow(1 / (1 - random.NextDouble() + 1e-9), 1.2));
        var topic = GeneratorLexicon.Topics[random.Next(GeneratorLexicon.Topics.Length)];
        return new SourceUser
        {
            Id = (10_000_000 + index).ToString(CultureInfo.InvariantCulture),
            ScreenName = screenName.Length > 15 ? screenName[..15] : screenName,
            Name = $"{first} {last}",
            Location = location,
            Description = $"Into {topic.Hashtags[0].ToLowerInvariant()} and {faker.Hacker.Noun()}.",
            FollowersCount = Math.Min(followers, 50_000_000),
            FriendsCount = random.Next(20, 2_000),
            Verified = followers > 100_000 && random.NextDouble() < 0.5,
            CreatedAt = new DateTimeOffset(2009, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 5_000)),
        };
    }

    private static GeneratedTweet MakeTweet(int index, DateTimeOffset createdAt, SourceUser user, PlantedTrend? trend, IReadOnlyList<string>? terms, Random random, SourceUser[] users)
    {
        var toneRoll = random.NextDouble();
        var tone = toneRoll < 0.35 ? "positive" : toneRoll < 0.7 ? "neutral" : "negative";
        var hashtags = new List<string>();
        var mentions = new List<string>();
        var urls = new List<SourceUrl>();
        var cashtags = new List<string>();
        var (lang, template) = PickLanguage(random);
        string text;
        if (trend is { Paraphrased: true })
        {
            // The story in one of its wordings, with no hashtag: only its meaning ties these tweets together.
            var story = ParaphraseLexicon.Stories[trend.Label];
            var opener = ParaphraseLexicon.Openers[random.Next(ParaphraseLexicon.Openers.Length)];
            var clause = story.Clauses[random.Next(story.Clauses.Length)];
            var tail = random.NextDouble() < 0.6 ? ", " + story.Tails[random.Next(story.Tails.Length)] : "";
            text = opener + (opener.Length == 0 ? char.ToUpperInvariant(clause[0]) + clause[1..] : clause) + tail;
            lang = "en";
        }
        else if (trend is not null && terms is not null)
        {
            // Trend tweets share a distinctive vocabulary and hashtag, worded in several ways.
            var shuffled = terms.OrderBy(_ => random.Next()).Take(3 + random.Next(Math.Max(1, terms.Count - 2))).ToList();
            var subject = string.Join(' ', shuffled);
            text = Tone(tone, random, subject, random.NextDouble() < 0.5 ? "right now" : "everyone is talking about it");
            hashtags.Add(trend.Hashtag);
            lang = "en";
        }
        else
        {
            var topic = GeneratorLexicon.Topics[random.Next(GeneratorLexicon.Topics.Length)];
            var subject = topic.Subjects[random.Next(topic.Subjects.Length)];
            var detail = topic.Details[random.Next(topic.Details.Length)];
            text = template is null ? Tone(tone, random, subject, detail) : string.Format(CultureInfo.InvariantCulture, template, subject);
            if (random.NextDouble() < 0.45)
            {
                hashtags.Add(topic.Hashtags[random.Next(topic.Hashtags.Length)]);
            }
        }

        if (random.NextDouble() < 0.3)
        {
            mentions.Add(users[random.Next(users.Length)].ScreenName!);
        }

        if (random.NextDouble() < 0.03)
        {
            cashtags.Add(GeneratorLexicon.Cashtags[random.Next(GeneratorLexicon.Cashtags.Length)]);
        }

        var parts = new List<string>();
        parts.AddRange(mentions.Select(m => "@" + m));
        parts.Add(text);
        parts.AddRange(cashtags.Select(c => "$" + c));
        parts.AddRange(hashtags.Select(h => "#" + h));
        if (random.NextDouble() < 0.3)
        {
            parts.Add(GeneratorLexicon.Emoji[random.Next(GeneratorLexicon.Emoji.Length)]);
        }

        if (random.NextDouble() < 0.2)
        {
            var domain = GeneratorLexicon.Domains[random.Next(GeneratorLexicon.Domains.Length)];
            var shortUrl = "https://t.co/" + ShortCode(random);
            urls.Add(new SourceUrl(shortUrl, $"https://{domain}/p/{random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)}"));
            parts.Add(shortUrl);
        }

        GeoCoordinate? coordinates = null;
        SourcePlace? place = null;
        var geoRoll = random.NextDouble();
        if (geoRoll < 0.10)
        {
            var city = GeneratorLexicon.Cities[random.Next(GeneratorLexicon.Cities.Length)];
            var half = 0.05 + (random.NextDouble() * 0.2);
            place = new SourcePlace
            {
                Id = StableHash(city.Name).ToString("x16", CultureInfo.InvariantCulture),
                FullName = $"{city.Name}, {city.Region}",
                Name = city.Name,
                CountryCode = city.CountryCode,
                Country = city.Country,
                PlaceType = "city",
                BoundingBox = new BoundingBox(West: city.Lon - half, South: city.Lat - half, East: city.Lon + half, North: city.Lat + half),
            };
            if (geoRoll < 0.03)
            {
                var lat = city.Lat + ((random.NextDouble() - 0.5) * half);
                coordinates = new GeoCoordinate(lat, city.Lon + ((random.NextDouble() - 0.5) * half));
            }
        }

        var reach = Math.Log10(user.FollowersCount + 10);
        long Draw(double scale) => (long)Math.Floor(Math.Pow(random.NextDouble(), 3) * scale * reach);
        // Drawn in this order so a seed keeps giving the same tweets.
        var source = GeneratorLexicon.Clients[random.Next(GeneratorLexicon.Clients.Length)];
        var retweets = Draw(40);
        var replies = Draw(10);
        var likes = Draw(120);
        var quotes = Draw(5);
        long? inReplyTo = mentions.Count > 0 && random.NextDouble() < 0.3 ? 1_700_000_000_000_000_000 + random.Next() : null;
        var sensitive = random.NextDouble() < 0.01;
        var id = ((createdAt.ToUnixTimeMilliseconds() - TwitterEpochMs) << 22) + (index & 0x3FFFFF);
        var tweet = new SourceTweet
        {
            Id = id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = createdAt,
            Text = string.Join(' ', parts),
            Lang = lang,
            Source = source,
            User = user,
            Coordinates = coordinates,
            Place = place,
            Entities = new SourceEntities { Hashtags = hashtags, Mentions = mentions, Urls = urls, Cashtags = cashtags },
            RetweetCount = retweets,
            ReplyCount = replies,
            LikeCount = likes,
            QuoteCount = quotes,
            InReplyToStatusId = inReplyTo?.ToString(CultureInfo.InvariantCulture),
            PossiblySensitive = sensitive,
        };
        return new GeneratedTweet(tweet, trend?.Label, tone);
    }

    private static (string Lang, string? Template) PickLanguage(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (lang, share, templates) in GeneratorLexicon.Languages)
        {
            if (roll < share)
            {
                return templates.Length == 0 ? (lang, null) : (lang, templates[random.Next(templates.Length)]);
            }

            roll -= share;
        }

        return ("en", null);
    }

    private static string Tone(string tone, Random random, string subject, string detail)
    {
        var templates = tone switch
        {
            "positive" => GeneratorLexicon.Positive,
            "negative" => GeneratorLexicon.Negative,
            _ => GeneratorLexicon.Neutral,
        };
        return string.Format(CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], subject, detail);
    }

    private static string ShortCode(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(10, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    // FNV-1a: stable across runs and machines, unlike string.GetHashCode.
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
