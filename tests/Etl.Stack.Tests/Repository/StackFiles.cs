using Etl.Stack.Tests.Elasticsearch;
using Etl.Stack.Tests.Kibana;

namespace Etl.Stack.Tests.Repository;

/// <summary>The committed stack files the tests check, loaded once.</summary>
public static class StackFiles
{
    private static readonly Lazy<IReadOnlyList<SavedObject>> Objects = new(() => SavedObjectFile.Load(SavedObjectsPath));
    private static readonly Lazy<IndexTemplateCatalog> Catalog = new(() => IndexTemplateCatalog.Load(TemplatesDirectory));

    public static string SavedObjectsPath => RepositoryRoot.Combine("kibana", "saved_objects.ndjson");

    public static string TemplatesDirectory => RepositoryRoot.Combine("Etl.Schemas", "Elasticsearch");

    public static IReadOnlyList<SavedObject> SavedObjects => Objects.Value;

    public static IndexTemplateCatalog Templates => Catalog.Value;
}
