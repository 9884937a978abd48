using Etl.Schemas.Elasticsearch;

namespace Etl.Elastic.Indices;

/// <summary>What <see cref="IndexSetup"/> did with one policy or template.</summary>
public sealed record IndexSetupChange(TemplateKind Kind, string Name, IndexSetupAction Action)
{
    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Describe(Kind)} {Name}";

    private static string Describe(TemplateKind kind) => kind switch
    {
        TemplateKind.LifecyclePolicy => "ILM policy",
        TemplateKind.ComponentTemplate => "component template",
        _ => "index template",
    };
}
