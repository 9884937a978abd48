using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Kafka.Registry;
using Etl.Worker.Consuming;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Microsoft.Extensions.Options;

namespace Etl.Worker.Hosting;

/// <summary>
/// Every setting the worker reads, bound from configuration (appsettings.json, then environment variables
/// <c>Section__Key</c>) and validated together, so a bad configuration stops the process with every problem listed.
/// Unknown keys in a known section are problems too: a typo must not silently fall back to a default.
/// </summary>
public sealed record WorkerSettings(
    PipelineOptions Pipeline,
    KafkaOptions Kafka,
    ObservabilityOptions Observability,
    SchemaRegistryOptions SchemaRegistry,
    ElasticsearchOptions Elasticsearch,
    EmbeddingOptions Embedding)
{
    /// <summary>Builds the configuration the worker reads: appsettings.json (optional) beside the binary and in the working directory, then the environment.</summary>
    public static IConfiguration BuildConfiguration(IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    /// <exception cref="ConfigurationProblemsException">Lists every problem in every section.</exception>
    public static WorkerSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var settings = new WorkerSettings(
            Bind(configuration, PipelineOptions.SectionName, new PipelineOptions(), new PipelineOptionsValidator(), problems),
            Bind(configuration, KafkaOptions.SectionName, new KafkaOptions(), new KafkaOptionsValidator(), problems),
            Bind(configuration, ObservabilityOptions.SectionName, new ObservabilityOptions(), new ObservabilityOptionsValidator(), problems),
            Bind(configuration, SchemaRegistryOptions.SectionName, new SchemaRegistryOptions(), new SchemaRegistryOptionsValidator(), problems),
            Bind(configuration, ElasticsearchOptions.SectionName, new ElasticsearchOptions(), new ElasticsearchOptionsValidator(), problems),
            Bind(configuration, EmbeddingOptions.SectionName, new EmbeddingOptions(), new EmbeddingOptionsValidator(), problems));
        return problems.Count == 0 ? settings : throw new ConfigurationProblemsException(problems);
    }

    /// <summary>Binds one section (unknown keys are problems) and validates it, adding every problem to <paramref name="problems"/>.</summary>
    public static T Bind<T>(IConfiguration configuration, string section, T options, IValidateOptions<T> validator, List<string> problems)
        where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type it could not fill, or the keys it does not know.
            problems.Add($"{section}: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : "")}");
            return options;
        }

        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            problems.AddRange(result.Failures ?? [result.FailureMessage]);
        }

        return options;
    }
}
