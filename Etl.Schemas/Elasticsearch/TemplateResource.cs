namespace Etl.Schemas.Elasticsearch;

/// <summary>One embedded JSON body: an ILM policy, a component template or an index template.</summary>
/// <param name="Kind">API it is installed through.</param>
/// <param name="Name">Name in Elasticsearch (from <see cref="Naming.IndexNames"/>).</param>
/// <param name="ResourceName">Manifest resource name inside Etl.Schemas.</param>
public sealed record TemplateResource(TemplateKind Kind, string Name, string ResourceName)
{
    /// <summary>The request body exactly as embedded.</summary>
    public string ReadJson()
    {
        var assembly = typeof(TemplateResource).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{ResourceName}' is missing from {assembly.GetName().Name}. " +
                "Check the EmbeddedResource item in Etl.Schemas.csproj includes Elasticsearch/*.json.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static TemplateResource Embedded(TemplateKind kind, string name, string fileName) =>
        new(kind, name, "Etl.Schemas.Elasticsearch." + fileName);
}
