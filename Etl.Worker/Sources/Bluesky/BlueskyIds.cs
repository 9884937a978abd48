using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>
/// Numeric ids for Bluesky posts and authors, which have none: a hash of the at:// URI (or the DID) folded into the
/// negative longs. X ids are positive, so the two networks can never collide on tweets.raw's key or the Elasticsearch
/// <c>_id</c>; the same post always gets the same id, so a replay overwrites. The URI itself travels in <c>uri</c>.
/// </summary>
public static class BlueskyIds
{
    public static long Of(string uriOrDid)
    {
        ArgumentException.ThrowIfNullOrEmpty(uriOrDid);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(uriOrDid), hash);
        var folded = BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
        return -1 - folded;
    }

    public static string PostUri(string did, string rkey) => $"at://{did}/app.bsky.feed.post/{rkey}";

    /// <summary>The DID of an at:// URI (<c>at://did:plc:x/app.bsky.feed.post/k</c> → <c>did:plc:x</c>), or null.</summary>
    public static string? DidOf(string? uri)
    {
        if (uri is null || !uri.StartsWith("at://", StringComparison.Ordinal))
        {
            return null;
        }

        var end = uri.IndexOf('/', 5);
        return end < 0 ? uri[5..] : uri[5..end];
    }
}
