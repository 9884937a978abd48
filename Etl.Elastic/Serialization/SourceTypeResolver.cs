using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Etl.Schemas.Documents;

namespace Etl.Elastic.Serialization;

/// <summary>
/// The type resolver behind the client's source serializer: documents and hits are (de)serialized with the
/// source-generated metadata their callers pass (each <see cref="JsonTypeInfo"/>'s originating resolver is added the
/// first time it is seen), with two changes for Elasticsearch: <see cref="TweetDocument.Embedding"/> is written as a
/// base64 float32 vector, and every <c>float[]</c> reads either form back.
/// </summary>
public sealed class SourceTypeResolver : IJsonTypeInfoResolver
{
    private static readonly DenseVectorJsonConverter Base64Vector = new(writeBase64: true);
    private static readonly DenseVectorJsonConverter ArrayVector = new(writeBase64: false);

    // Reflection last: the client itself asks the source serializer for object-typed values (metadata, error details).
    private static readonly DefaultJsonTypeInfoResolver Reflection = new();

    private ImmutableArray<IJsonTypeInfoResolver> _resolvers = [DocumentJsonContext.Default, ElasticSourceContext.Default, ElasticJsonNodeContext.Default];

    /// <summary>Adds the resolver <paramref name="typeInfo"/> came from, so the serializer knows its type.</summary>
    public void Register(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.OriginatingResolver is { } resolver && !_resolvers.Contains(resolver))
        {
            ImmutableInterlocked.Update(ref _resolvers, list => list.Contains(resolver) ? list : list.Add(resolver));
        }
    }

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        foreach (var resolver in _resolvers)
        {
            if (resolver.GetTypeInfo(type, options) is { } info)
            {
                Adapt(info);
                return info;
            }
        }

        var fallback = Reflection.GetTypeInfo(type, options);
        Adapt(fallback);
        return fallback;
    }

    private static void Adapt(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(float[]))
            {
                property.CustomConverter = info.Type == typeof(TweetDocument) && property.Name == "embedding" ? Base64Vector : ArrayVector;
            }
        }
    }
}
