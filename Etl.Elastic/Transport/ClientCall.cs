using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;

namespace Etl.Elastic.Transport;

/// <summary>
/// Runs one call of the official client and turns every way it can fail into <see cref="ElasticsearchException"/>:
/// the failures the client reports in the response (error status, no answer) and those it throws even with
/// exceptions off (a body it cannot deserialize, a server without <c>X-Elastic-Product</c>, such as a proxy's page).
/// </summary>
internal static class ClientCall
{
    /// <param name="what">The request, for messages, e.g. <c>POST _bulk</c>.</param>
    /// <param name="call">The client call.</param>
    /// <param name="tolerated">A status that is an answer rather than a failure (404 for "does not exist").</param>
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call, int? tolerated = null)
        where T : ElasticsearchResponse
    {
        T response;
        try
        {
            response = await call();
        }
        catch (UnsupportedProductException ex)
        {
            throw new ElasticsearchException(
                $"{what}: the answer did not come from Elasticsearch (no X-Elastic-Product header; a proxy's page or another server). " +
                "Check Elasticsearch:Url and what listens there.",
                null, null, isTransient: true, ex);
        }
        catch (TransportException ex)
        {
            throw new ElasticsearchException(
                $"{what} failed: the answer could not be read ({ex.Message}). Check the URL points at Elasticsearch and no proxy rewrites the body.",
                null, null, isTransient: true, ex);
        }

        if (ElasticsearchException.From(response, what) is { } failure && (tolerated is null || failure.Status != tolerated))
        {
            throw failure;
        }

        return response;
    }
}
