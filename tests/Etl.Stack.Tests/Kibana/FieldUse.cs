using Etl.Stack.Tests.Elasticsearch;

namespace Etl.Stack.Tests.Kibana;

/// <summary>A field that a saved object reads from the indices of data view <paramref name="DataViewId"/>.</summary>
public sealed record FieldUse(SavedObject Owner, string DataViewId, string Field, FieldUsage Usage, string Where);
