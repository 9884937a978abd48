namespace Etl.Testing.Reference;

/// <summary>
/// Locates <c>shared/reference</c> (real tweets, SemEval data, ...) by walking up from the test binaries,
/// so tests read it in place and never copy it into the repository.
/// </summary>
public static class SharedReference
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The reference folder, or null when this checkout has no <c>shared/reference</c> beside it.</summary>
    public static string? Directory => Root.Value;

    /// <summary>A path inside the reference folder, or null when the folder or the entry is absent.</summary>
    public static string? PathTo(string relative)
    {
        if (Root.Value is not { } root)
        {
            return null;
        }

        var path = Path.Combine(root, relative);
        return File.Exists(path) || System.IO.Directory.Exists(path) ? path : null;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "reference"), Path.Combine(dir.FullName, "..", "shared", "reference") })
            {
                if (System.IO.Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
