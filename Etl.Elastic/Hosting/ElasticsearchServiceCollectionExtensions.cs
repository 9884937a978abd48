using Etl.Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Etl.Elastic.Hosting;

public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ElasticsearchOptions"/> from the <c>Elasticsearch</c> section (unknown keys are
    /// errors, so a typo fails at start instead of silently using a default) and registers one shared client.
    /// </summary>
    public static IServiceCollection AddElasticsearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ElasticsearchOptions>()
            .Bind(configuration.GetSection(ElasticsearchOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidator>();
        services.AddSingleton(sp => new ElasticsearchClient(sp.GetRequiredService<IOptions<ElasticsearchOptions>>().Value));
        return services;
    }
}
