namespace Etl.Schemas.Elasticsearch;

/// <summary>Which Elasticsearch API a <see cref="TemplateResource"/> is installed through.</summary>
public enum TemplateKind
{
    /// <summary><c>PUT _ilm/policy/{name}</c>.</summary>
    LifecyclePolicy,

    /// <summary><c>PUT _component_template/{name}</c>.</summary>
    ComponentTemplate,

    /// <summary><c>PUT _index_template/{name}</c>.</summary>
    IndexTemplate,
}
