using System.Globalization;

namespace Etl.Worker.Sources.Bluesky;

/// <summary>The Jetstream resume position on disk: one decimal <c>time_us</c>, replaced atomically.</summary>
public sealed class CursorFile(string path)
{
    public string Path { get; } = path;

    /// <exception cref="FormatException">The file holds something other than a cursor.</exception>
    public long? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var text = File.ReadAllText(Path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor)
            ? cursor
            : throw new FormatException($"The cursor file {Path} holds '{text}', not a Jetstream time_us; fix it or delete it to start at the live edge.");
    }

    public void Write(long cursor)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside it and move over it, so a crash mid-write leaves the old cursor, never half a number.
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, cursor.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, Path, overwrite: true);
    }
}
