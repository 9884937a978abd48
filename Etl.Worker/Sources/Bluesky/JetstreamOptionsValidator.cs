using Microsoft.Extensions.Options;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>Reports every problem in <see cref="JetstreamOptions"/> at once, each naming the key and the fix.</summary>
public sealed class JetstreamOptionsValidator : IValidateOptions<JetstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, JetstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        const string S = JetstreamOptions.SectionName;
        foreach (var instance in options.Instances)
        {
            if (!Uri.TryCreate(instance, UriKind.Absolute, out var uri) || (uri.Scheme != "wss" && uri.Scheme != "ws"))
            {
                problems.Add($"{S}:Instances '{instance}' is not a ws:// or wss:// address; use for example wss://jetstream2.us-east.bsky.network/subscribe.");
            }
        }

        foreach (var did in options.WantedDids)
        {
            if (!did.StartsWith("did:", StringComparison.Ordinal) || did.Length < 8)
            {
                problems.Add($"{S}:WantedDids '{did}' is not a DID; use the form did:plc:... (a handle can be resolved to its DID at https://bsky.social/xrpc/com.atproto.identity.resolveHandle?handle=NAME).");
            }
        }

        if (options.WantedDids.Count > 10_000)
        {
            problems.Add($"{S}:WantedDids has {options.WantedDids.Count} DIDs; Jetstream takes at most 10,000.");
        }

        if (string.IsNullOrWhiteSpace(options.CursorFile))
        {
            problems.Add($"{S}:CursorFile is empty; give a writable path (default jetstream.cursor) so a restart resumes where it stopped.");
        }

        if (options.CursorRewind < TimeSpan.Zero)
        {
            problems.Add($"{S}:CursorRewind {options.CursorRewind} must not be negative.");
        }

        if (options.ReconnectBaseDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectBaseDelay)
        {
            problems.Add($"{S}:ReconnectBaseDelay {options.ReconnectBaseDelay} must be positive and ReconnectMaxDelay {options.ReconnectMaxDelay} at least as long.");
        }

        if (options.KeepAlive <= TimeSpan.Zero)
        {
            problems.Add($"{S}:KeepAlive {options.KeepAlive} must be positive (for example 00:00:20).");
        }

        if (options.HandoffCapacity < 1)
        {
            problems.Add($"{S}:HandoffCapacity {options.HandoffCapacity} must be at least 1 (50000 is the default).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
