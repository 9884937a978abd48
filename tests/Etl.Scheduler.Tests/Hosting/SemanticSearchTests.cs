using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Enrichment.Enriching;
using Etl.Enrichment.Input;
using Etl.Schemas.Naming;
using Etl.Worker.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>
/// <c>/api/search</c> with the onnx embedder, end to end: tweets enriched and bulk-indexed as the worker does it
/// (base64 vectors), the query embedded by the scheduler, kNN answered by the stub with exact cosine over what it holds.
/// </summary>
[Collection(SchedulerAppCollection.Name)]
public sealed partial class SemanticSearchTests(SchedulerAppFixture fixture, ITestOutputHelper output)
{
    private const string Query = "my suitcase is missing";

    /// <summary>Lost luggage, said without one word of the query.</summary>
    private static readonly string[] Paraphrases =
    [
        "Landed in Rome, but the airline lost our luggage somewhere",
        "Baggage carousel stopped and our luggage was nowhere to be found",
        "Airline misplaced all of our checked bags, holiday clothes gone",
    ];

    /// <summary>Other topics, several sharing the query's words.</summary>
    private static readonly string[] Others =
    [
        "My coffee never tastes right at this place",
        "The package finally arrived today",
        "My new phone arrived and the screen is cracked",
        "Never going back to that restaurant",
        "Our cat went missing last night, please share",
        "A cat asleep inside an open suitcase",
        "Great match tonight, what a goal",
        "The heatwave is melting the city",
        "Finished the novel before bed, loved the ending",
        "Traffic on the ring road is awful this morning",
        "Our team shipped the new release on time",
    ];

    [Fact]
    public async Task A_paraphrase_query_finds_tweets_that_share_no_word_with_it()
    {
        var embedder = fixture.App.Services.GetRequiredService<IEmbedder>();
        Assert.StartsWith("onnx:", embedder.Name, StringComparison.Ordinal);
        var created = DateTimeOffset.UtcNow.AddMinutes(-30);
        var tweets = Paraphrases.Concat(Others).Select((text, i) => new SourceTweet
        {
            Id = (1_790_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = created.AddSeconds(i),
            Text = text,
            Lang = "en",
            User = new SourceUser { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScreenName = "user" + i },
        }).ToArray();
        var documents = await TweetEnricher.CreateDefault(embedder).EnrichAsync(tweets);
        using (var client = new ElasticsearchClient(new ElasticsearchOptions { Url = fixture.Elasticsearch.Url.ToString() }))
        {
            var results = await new ElasticsearchDocumentSink(client).WriteAsync(
                [.. documents.Select(d => new IndexAction(IndexNames.TweetsIndexFor(d.CreatedAt), d.Id, d))], CancellationToken.None);
            Assert.All(results, r => Assert.True(r.IsSuccess));
        }

        using var api = fixture.Api();
        var hits = await api.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Query)}&k=5&since=2h");

        var found = hits.EnumerateArray().Select(h => h.GetProperty("text").GetString()!).ToList();
        output.WriteLine($"'{Query}' →{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", hits.EnumerateArray().Select(h => $"{h.GetProperty("score").GetDouble():F3} {h.GetProperty("text").GetString()}")));
        // The two best hits are lost-luggage tweets, and all three are in the five best, above every distractor but one.
        Assert.All(found.Take(2), text => Assert.Contains(text, Paraphrases));
        Assert.Equal(Paraphrases.Length, found.Count(Paraphrases.Contains));
        Assert.True(found.Take(4).Count(Paraphrases.Contains) == Paraphrases.Length, "a paraphrase ranked below two distractors");
        // The premise: no paraphrase shares a word with the query, while most distractors do.
        var queryWords = Words(Query);
        Assert.All(Paraphrases, text => Assert.Empty(Words(text).Intersect(queryWords)));
        Assert.True(Others.Count(o => Words(o).Intersect(queryWords).Any()) >= 4);
    }

    private static HashSet<string> Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"[a-z']+")]
    private static partial Regex WordPattern();
}
