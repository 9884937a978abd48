using Etl.Schemas.Naming;

namespace Etl.Schemas.Elasticsearch;

/// <summary>
/// The embedded Elasticsearch setup bodies, in the order they must be installed: the ILM policy before the
/// settings that name it, component templates before the index template composed of them.
/// </summary>
/// <remarks>
/// Overlap: <c>tweets-*</c> also matches <c>tweets-rollup-*</c> and <c>tweets-trends</c>. Elasticsearch applies
/// exactly one composable index template to a new index — the matching one with the highest priority — and never
/// merges two index templates, so the rollup and trends templates (priority 200) fully replace the tweets template
/// (priority 100) for their indices: no tweets mapping and, importantly, no <c>tweets</c> alias on them.
/// Elasticsearch also refuses two overlapping templates with equal priority, so a mistake here fails loudly at setup.
/// </remarks>
public static class ElasticsearchTemplates
{
    public static TemplateResource TweetsLifecyclePolicy { get; } =
        TemplateResource.Embedded(TemplateKind.LifecyclePolicy, IndexNames.TweetsLifecyclePolicy, "tweets-retention.ilm-policy.json");

    public static TemplateResource TweetsSettings { get; } =
        TemplateResource.Embedded(TemplateKind.ComponentTemplate, IndexNames.TweetsSettingsComponent, "tweets-settings.component-template.json");

    public static TemplateResource TweetsMappings { get; } =
        TemplateResource.Embedded(TemplateKind.ComponentTemplate, IndexNames.TweetsMappingsComponent, "tweets-mappings.component-template.json");

    public static TemplateResource Tweets { get; } =
        TemplateResource.Embedded(TemplateKind.IndexTemplate, IndexNames.TweetsIndexTemplate, "tweets.index-template.json");

    public static TemplateResource Rollups { get; } =
        TemplateResource.Embedded(TemplateKind.IndexTemplate, IndexNames.RollupIndexTemplate, "tweets-rollup.index-template.json");

    public static TemplateResource Trends { get; } =
        TemplateResource.Embedded(TemplateKind.IndexTemplate, IndexNames.TrendsIndexTemplate, "tweets-trends.index-template.json");

    public static TemplateResource DeadLetters { get; } =
        TemplateResource.Embedded(TemplateKind.IndexTemplate, IndexNames.DeadLettersIndexTemplate, "tweets-deadletters.index-template.json");

    /// <summary>Everything, in install order.</summary>
    public static IReadOnlyList<TemplateResource> All { get; } =
        [TweetsLifecyclePolicy, TweetsSettings, TweetsMappings, Tweets, Rollups, Trends, DeadLetters];
}
