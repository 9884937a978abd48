using Avro;

namespace Etl.Worker.DevStack;

/// <summary>
/// The store behind the dev-stack registry (<see cref="SchemaRegistryServer"/>). Behaves like the real one where clients can tell:
/// global ids start at 1 and are shared by identical schemas, re-registering returns the same id, and a new version
/// must be BACKWARD compatible with the latest (409 otherwise). Schemas are Apache Avro's, identified by their full JSON
/// form (<see cref="Schema.ToString"/>), checked by <see cref="SchemaCompatibility"/>.
/// </summary>
public sealed class InMemorySchemaRegistry
{
    private readonly Lock gate = new();
    private readonly List<Schema> schemasById = [];
    private readonly Dictionary<string, int> idByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> versionsBySubject = new(StringComparer.Ordinal);

    public Task<int> RegisterAsync(string subject, Schema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (gate)
        {
            var json = schema.ToString();
            var versions = versionsBySubject.TryGetValue(subject, out var existing) ? existing : versionsBySubject[subject] = [];
            if (idByJson.TryGetValue(json, out var id) && versions.Contains(id))
            {
                return Task.FromResult(id);
            }

            if (versions.Count > 0)
            {
                var check = SchemaCompatibility.IsBackwardCompatible(schemasById[versions[^1] - 1], schema);
                if (!check.IsCompatible)
                {
                    throw new SchemaRegistryException(
                        $"Schema being registered is incompatible with the latest version of subject '{subject}' (BACKWARD): {check.Reason}",
                        statusCode: 409,
                        errorCode: 409);
                }
            }

            if (!idByJson.TryGetValue(json, out id))
            {
                schemasById.Add(schema);
                id = schemasById.Count;
                idByJson[json] = id;
            }

            versions.Add(id);
            return Task.FromResult(id);
        }
    }

    public Task<Schema> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return id >= 1 && id <= schemasById.Count
                ? Task.FromResult(schemasById[id - 1])
                : Task.FromException<Schema>(new SchemaNotFoundException(id, statusCode: 404, errorCode: 40403));
        }
    }

    /// <summary>Subjects with at least one version, in name order.</summary>
    public IReadOnlyList<string> Subjects()
    {
        lock (gate)
        {
            return [.. versionsBySubject.Where(s => s.Value.Count > 0).Select(s => s.Key).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The global ids of a subject's versions, version 1 first; empty for an unknown subject.</summary>
    public IReadOnlyList<int> VersionIds(string subject)
    {
        lock (gate)
        {
            return versionsBySubject.TryGetValue(subject, out var versions) ? [.. versions] : [];
        }
    }

    /// <summary>Why <paramref name="schema"/> cannot follow the latest version of <paramref name="subject"/>, or null when it can.</summary>
    public string? IncompatibilityReason(string subject, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (gate)
        {
            return versionsBySubject.TryGetValue(subject, out var versions) && versions.Count > 0
                ? SchemaCompatibility.IsBackwardCompatible(schemasById[versions[^1] - 1], schema).Reason
                : null;
        }
    }

    public Task<bool> IsCompatibleAsync(string subject, Schema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (gate)
        {
            return Task.FromResult(
                !versionsBySubject.TryGetValue(subject, out var versions) || versions.Count == 0
                || SchemaCompatibility.IsBackwardCompatible(schemasById[versions[^1] - 1], schema).IsCompatible);
        }
    }
}
