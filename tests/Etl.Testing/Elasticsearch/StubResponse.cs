namespace Etl.Testing.Elasticsearch;

/// <summary>A scripted answer: status and JSON body.</summary>
public sealed record StubResponse(int Status, string Body)
{
    public static StubResponse Ok(string body) => new(200, body);
}
