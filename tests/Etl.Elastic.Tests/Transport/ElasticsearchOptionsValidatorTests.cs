using Etl.Elastic.Hosting;
using Etl.Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Etl.Elastic.Tests.Transport;

public sealed class ElasticsearchOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new ElasticsearchOptionsValidator().Validate(null, new ElasticsearchOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_value()
    {
        var options = new ElasticsearchOptions
        {
            Url = "localhost:9200",
            ApiKey = "abc",
            Username = "elastic",
            CaFile = "/nonexistent/ca.crt",
            RequestTimeout = TimeSpan.Zero,
            TweetsRetention = TimeSpan.FromHours(1),
        };

        var result = new ElasticsearchOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("'localhost:9200'") && f.Contains("http://"));
        Assert.Contains(failures, f => f.Contains("ApiKey and Elasticsearch:Username/Password are both set"));
        Assert.Contains(failures, f => f.Contains("Username 'elastic' has no Elasticsearch:Password"));
        Assert.Contains(failures, f => f.Contains("'/nonexistent/ca.crt' does not exist"));
        Assert.Contains(failures, f => f.Contains("RequestTimeout"));
        Assert.Contains(failures, f => f.Contains("TweetsRetention"));
    }

    [Fact]
    public void Ca_file_with_only_http_urls_is_reported()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var result = new ElasticsearchOptionsValidator().Validate(null, new ElasticsearchOptions { Url = "http://es:9200", CaFile = ca });

            Assert.Contains(result.Failures!, f => f.Contains("no Url uses https"));
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public void Configuration_binds_the_section_and_rejects_unknown_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Elasticsearch:Urls:0"] = "https://es01:9200",
            ["Elasticsearch:Urls:1"] = "https://es02:9200",
            ["Elasticsearch:RequestTimeout"] = "00:00:05",
            ["Elasticsearch:Gzip"] = "true",
        }).Build();
        using var provider = new ServiceCollection().AddElasticsearch(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value;

        Assert.Equal(["https://es01:9200", "https://es02:9200"], options.NodeUrls());
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.True(options.Gzip);

        var typo = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Elasticsearch:ApiKye"] = "x" }).Build();
        using var bad = new ServiceCollection().AddElasticsearch(typo).BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => bad.GetRequiredService<IOptions<ElasticsearchOptions>>().Value);
        Assert.Contains("ApiKye", ex.Message);
    }
}
