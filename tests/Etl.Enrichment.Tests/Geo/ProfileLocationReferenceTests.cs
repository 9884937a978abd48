using System.Text.Json;
using Etl.Enrichment.Geo;
using Etl.Enrichment.Input;
using Etl.Schemas.Documents;
using Etl.Testing.Reference;
using Xunit.Abstractions;

namespace Etl.Enrichment.Tests.Geo;

/// <summary>
/// A labelled test set of real profile locations: each string below is a <c>user.location</c> of a tweet in the
/// reference tweet JSON (<c>shared/reference/tweets_json</c>; checked when present), with the country a reader
/// would give it, or none for texts that name no place ("Internet", "She/her").
/// </summary>
public class ProfileLocationReferenceTests(ITestOutputHelper output)
{
    private static readonly (string Location, string? Country)[] Cases =
    [
        ("India", "IN"),
        ("Boulder, CO", "US"),
        ("United States", "US"),
        ("東京都港区台場", "JP"),
        ("San Francisco", "US"),
        ("Nashville", "US"),
        ("Italia", "IT"),
        ("New York, NY", "US"),
        ("New Delhi, India", "IN"),
        ("Washington, DC", "US"),
        ("Mumbai, India", "IN"),
        ("London", "GB"),
        ("Roma, Lazio", "IT"),
        ("London, England", "GB"),
        ("Chicago, IL", "US"),
        ("Nigeria", "NG"),
        ("Ireland", "IE"),
        ("Southampton, England", "GB"),
        ("Florida, USA", "US"),
        ("California", "US"),
        ("Milano, Lombardia", "IT"),
        ("Kobe, Japan", "JP"),
        ("Los Angeles, CA", "US"),
        ("Chile", "CL"),
        ("Washington, D.C.", "US"),
        ("Miami, FL", "US"),
        ("UK", "GB"),
        ("Bengaluru, India", "IN"),
        ("Madrid, Comunidad de Madrid", "ES"),
        ("Kolkata, India", "IN"),
        ("京都", "JP"),
        ("神奈川県横浜市", "JP"),
        ("Scotland, United Kingdom", "GB"),
        ("Buenos Aires, Argentina", "AR"),
        ("Portland, OR", "US"),
        ("Venezuela", "VE"),
        ("Dallas, TX", "US"),
        ("Berlin, Germany", "DE"),
        ("France", "FR"),
        ("Barcelona", "ES"),
        ("Glasgow, Scotland", "GB"),
        ("Ontario, Canada", "CA"),
        ("Riyadh", "SA"),
        ("Israel", "IL"),
        ("Sydney, Australia", "AU"),
        ("Brussels, Belgium", "BE"),
        ("São Paulo", "BR"),
        ("Edmonton, AB", "CA"),
        ("Minas Gerais, Brasil", "BR"),
        ("Bogotá, D.C., Colombia", "CO"),
        ("名古屋市", "JP"),
        ("日本", "JP"),
        ("Taiwan", "TW"),
        ("Osaka", "JP"),
        ("Seattle, WA", "US"),
        ("Algérie", "DZ"),
        ("Warsaw", "PL"),
        ("Österreich", "AT"),
        ("Cölbe, Deutschland", "DE"),
        ("Trinidad und Tobago", "TT"),
        ("South Africa", "ZA"),
        ("Islamabad, Pakistan", "PK"),
        ("Karachi, Pakistan", "PK"),
        ("Santiago, Chile", "CL"),
        ("México", "MX"),
        ("Lisboa, Portugal", "PT"),
        ("Paris, France", "FR"),
        ("Madison, WI, USA", "US"),
        ("Việt Nam", "VN"),
        ("Cherkassy, Ukraine", "UA"),
        ("桃園縣, 台灣", "TW"),
        ("Guayaquil, Ecuador", "EC"),
        ("Украина", "UA"),
        ("Olomoucký, Česká republika", "CZ"),
        ("Turkey", "TR"),
        ("Egypt", "EG"),
        ("Dhaka, Bangladesh", "BD"),
        ("Mzuzu, Malawi", "MW"),
        ("Москва", "RU"),
        ("Toronto, Ontario", "CA"),
        ("Harare", "ZW"),
        ("Belfast, Northern Ireland", "GB"),
        ("Vancouver, British Columbia", "CA"),
        ("Johannesburg", "ZA"),
        ("Kathmandu, Nepal", "NP"),
        ("Mongolia", "MN"),
        ("Malaysia", "MY"),
        ("Addis Ababa", "ET"),
        ("Nairobi Kenya", "KE"),
        ("Budapest, Hungary", "HU"),
        ("Québec, Canada", "CA"),
        ("Montevideo, Uruguay", "UY"),
        ("Ljubljana, Slovenia", "SI"),
        ("Rio de Janeiro, Brazil", "BR"),
        ("Bangkok, Thailand", "TH"),
        ("Cali, Colombia", "CO"),
        ("Dublin, Ireland", "IE"),
        ("Hamburg", "DE"),
        ("Switzerland", "CH"),
        ("Gdańsk, Polska", "PL"),
        ("Lugano, Svizzera", "CH"),
        ("Punta Pacifica, Panama", "PA"),
        ("Montréal, Québec", "CA"),
        ("United Arab Emirates", "AE"),
        ("जबलपुर, भारत", "IN"),
        ("Internet", null),
        ("Here", null),
        ("Earth", null),
        ("Global", null),
        ("Worldwide", null),
        ("In your heart", null),
        ("She/her", null),
        ("Planet Earth", null),
        ("Everywhere", null),
        ("Hogwarts", null),
        ("Tatooine", null),
        ("moon", null),
        ("Twitter", null),
    ];

    [Fact]
    public void RealProfileLocations_FindTheirCountry_ReportingProfileAndConfidence()
    {
        var failures = new List<string>();
        foreach (var (location, country) in Cases)
        {
            var geo = Geocoder.Default.Locate(new SourceTweet { Id = "1", Text = "hello", User = new SourceUser { Id = "2", Location = location } });
            if (geo?.CountryCode != country)
            {
                failures.Add($"'{location}': expected {country ?? "no location"}, got {geo?.CountryCode ?? "no location"} ({geo?.City ?? geo?.Region ?? geo?.Country})");
            }
            else if (geo is not null && (geo.Source != GeoSources.Profile || geo.Confidence is not (> 0 and < 1)))
            {
                failures.Add($"'{location}': found by {geo.Source} with confidence {geo.Confidence}; a profile match must say so, below certainty");
            }
        }

        var passed = Cases.Length - failures.Count;
        output.WriteLine($"{passed} of {Cases.Length} real profile locations give the expected country.");
        failures.ForEach(f => output.WriteLine("FAIL " + f));
        Assert.True(passed >= 0.95 * Cases.Length, $"{passed} of {Cases.Length} pass, 95% required. Failing:\n" + string.Join('\n', failures));
    }

    [SkippableFact]
    public void EveryCase_IsARealProfileLocation_FromTheReferenceTweets()
    {
        var folder = ReferenceData.PathTo("tweets_json");
        Skip.If(folder is null, "shared/reference/tweets_json is not beside this checkout.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json*", SearchOption.AllDirectories))
        {
            foreach (var document in Documents(File.ReadAllText(file)))
            {
                Collect(document.RootElement, seen);
                document.Dispose();
            }
        }

        var missing = Cases.Select(c => c.Location).Where(l => !seen.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "Not found in the reference tweets: " + string.Join(" | ", missing));
    }

    /// <summary>A file is one JSON document (v1.1 arrays and responses) or one per line (v2 JSONL, streams).</summary>
    private static IEnumerable<JsonDocument> Documents(string text)
    {
        if (TryParse(text) is { } whole)
        {
            return [whole];
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TryParse).OfType<JsonDocument>();
    }

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Collect(JsonElement element, HashSet<string> seen)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("location") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        seen.Add(property.Value.GetString()!.Trim());
                    }

                    Collect(property.Value, seen);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, seen);
                }

                break;
            default:
                break;
        }
    }
}
