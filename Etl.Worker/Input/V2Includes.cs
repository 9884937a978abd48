using System.Text.Json;
using static Etl.Worker.Input.JsonFields;

namespace Etl.Worker.Input;

/// <summary>The users and places of a v2 response's <c>includes</c>, by id.</summary>
public sealed class V2Includes
{
    public V2Includes(JsonElement includes)
    {
        foreach (var user in Array(includes, "users"))
        {
            if (String(user, "id") is { } id)
            {
                Users.TryAdd(id, user);
            }
        }

        foreach (var place in Array(includes, "places"))
        {
            if (String(place, "id") is { } id)
            {
                Places.TryAdd(id, place);
            }
        }
    }

    public Dictionary<string, JsonElement> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Places { get; } = new(StringComparer.Ordinal);
}
