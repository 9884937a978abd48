using Xunit;

namespace Etl.Testing.Reference;

/// <summary>
/// Finds the shared reference data (<c>shared/reference</c>), which lives beside the repository, never in it.
/// Tests skip when it is absent: <c>Skip.If(ReferenceData.Root is null, ReferenceData.MissingMessage)</c>.
/// </summary>
public static class ReferenceData
{
    public const string MissingMessage = "shared/reference not found next to the repository; reference-data tests skipped.";

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The reference folder, or null when none was found walking up from the test binaries.</summary>
    public static string? Root => Located.Value;

    /// <summary>Full path of <paramref name="relative"/> under the reference folder, or null when it is missing.</summary>
    public static string? File(string relative)
    {
        if (Root is null)
        {
            return null;
        }

        var path = Path.Combine(Root, relative);
        return System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>A file or folder inside the reference folder, or null when the folder or the entry is absent.</summary>
    public static string? PathTo(string relative)
    {
        if (Root is null)
        {
            return null;
        }

        var path = Path.Combine(Root, relative);
        return System.IO.File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    /// <summary>Full path of <paramref name="relative"/>; skips the calling [SkippableFact] when it is missing.</summary>
    public static string Require(string relative)
    {
        var path = File(relative);
        Skip.If(path is null, $"{relative}: {MissingMessage}");
        return path!;
    }

    /// <summary>The text of a reference file; skips the calling [SkippableFact] when it is missing.</summary>
    public static string ReadText(string relative) => System.IO.File.ReadAllText(Require(relative));

    /// <summary>Files under a reference sub-folder matching a pattern; empty when absent.</summary>
    public static IReadOnlyList<string> Files(string folder, string pattern) =>
        Root is not null && Directory.Exists(Path.Combine(Root, folder))
            ? [.. Directory.GetFiles(Path.Combine(Root, folder), pattern).Order(StringComparer.Ordinal)]
            : [];

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "reference"), Path.Combine(dir.FullName, "..", "shared", "reference") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
