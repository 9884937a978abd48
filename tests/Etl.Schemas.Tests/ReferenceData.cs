namespace Etl.Schemas.Tests;

/// <summary>Finds the shared reference folder (never copied into the repository) by walking up from the test binaries.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The Avro reference folder, or null when the shared reference data is not on this machine.</summary>
    public static string? AvroRoot => Root.Value is { } root ? Path.Combine(root, "avro") : null;

    /// <summary>Skips the test when the reference data is absent, else returns the path of <paramref name="relative"/> under avro/.</summary>
    public static string AvroFile(string relative)
    {
        Skip.If(AvroRoot is null, "Shared reference data (shared/reference) not found above the test directory.");
        return Path.Combine(AvroRoot!, relative);
    }

    private static string? Find()
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
