namespace Etl.Stack.Tests.Compose;

/// <summary>Checks that an image reference names an exact version: a tag that is not <c>latest</c>, or a digest.</summary>
public static class ImageReference
{
    /// <summary>Why <paramref name="image"/> is not pinned, or null when it is.</summary>
    public static string? Unpinned(string image)
    {
        if (image.Contains("${", StringComparison.Ordinal))
        {
            return $"'{image}' takes its version from a variable; pin it in the file so every checkout runs the same image.";
        }

        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        if (colon < 0)
        {
            return $"'{image}' has no tag, so it means :latest; add an explicit version tag.";
        }

        var tag = name[(colon + 1)..];
        return tag is "latest" or "" ? $"'{image}' uses tag '{tag}'; pin an explicit version." : null;
    }
}
