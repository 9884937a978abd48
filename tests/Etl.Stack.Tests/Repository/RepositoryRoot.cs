namespace Etl.Stack.Tests.Repository;

/// <summary>The checked-out repository these tests inspect: the folder holding Etl.sln, found from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Etl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder containing Etl.sln above '{AppContext.BaseDirectory}'. Run these tests from a build inside the repository.");
    }
}
