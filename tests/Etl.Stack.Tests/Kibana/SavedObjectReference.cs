namespace Etl.Stack.Tests.Kibana;

public sealed record SavedObjectReference(string Name, string Type, string Id);
