using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Etl.Enrichment.Input;

namespace Etl.Enrichment.Geo;

/// <summary>
/// Place names → places: GeoNames cities of 15,000+ people with alternate names (CC BY 4.0), US states and Canadian
/// provinces, countries (English names), and common aliases (NYC, SF, LA, UK). Keys are normalised names; candidates
/// are ordered best first (explicit aliases, then countries, regions, and cities by population). Read-only; thread-safe.
/// </summary>
public sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> Embedded = new(() => Parse(EmbeddedData.ReadLines(EmbeddedData.Gazetteer), CountryPolygons.Default));

    private readonly FrozenDictionary<string, GazetteerEntry[]> byName;
    private readonly FrozenDictionary<string, GazetteerEntry> regions;

    private Gazetteer(Dictionary<string, List<GazetteerEntry>> names, HashSet<GazetteerEntry> aliased, Dictionary<string, GazetteerEntry> regions)
    {
        byName = names.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.Distinct().OrderBy(e => aliased.Contains(e) ? 0 : 1).ThenBy(e => e.Kind switch { PlaceKind.Country => 0, PlaceKind.Region => 1, _ => 2 })
                .ThenByDescending(e => e.Population).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
        this.regions = regions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static Gazetteer Default => Embedded.Value;

    /// <summary>Number of distinct names.</summary>
    public int NameCount => byName.Count;

    /// <summary>Candidates for a name, best first; empty when unknown.</summary>
    public IReadOnlyList<GazetteerEntry> Find(string name) => byName.GetValueOrDefault(Normalize(name)) ?? [];

    /// <summary>The state or province for a country and GeoNames admin1 code.</summary>
    public GazetteerEntry? Region(string countryCode, string admin1) => regions.GetValueOrDefault(countryCode + ":" + admin1);

    /// <summary>Lower-case, single spaces, no surrounding punctuation: "  New York, " → "new york".</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Trim().Trim('.', '-', '\'', '"', '!', '?', '*', '~').ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static Gazetteer Parse(IEnumerable<string> lines, CountryPolygons countries)
    {
        var names = new Dictionary<string, List<GazetteerEntry>>(StringComparer.Ordinal);
        var aliased = new HashSet<GazetteerEntry>();
        var regions = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        var cities = new List<(GazetteerEntry Entry, string Alternates)>();
        var countryEntries = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        var aliases = new List<string[]>();

        void Add(string name, GazetteerEntry entry)
        {
            var key = Normalize(name);
            if (key.Length == 0)
            {
                return;
            }

            if (!names.TryGetValue(key, out var list))
            {
                names[key] = list = [];
            }

            list.Add(entry);
        }

        foreach (var line in lines)
        {
            var f = line.Split('\t');
            switch (f[0])
            {
                case "C":
                    cities.Add((new GazetteerEntry(PlaceKind.City, f[1], f[3], f[4], null, Point(f[5], f[6]), long.Parse(f[7], CultureInfo.InvariantCulture)), f[2]));
                    break;
                case "R":
                    var region = new GazetteerEntry(PlaceKind.Region, f[1], f[3], f[4], f[1], Point(f[5], f[6]), long.Parse(f[7], CultureInfo.InvariantCulture));
                    regions[f[3] + ":" + f[4]] = region;
                    Add(f[1], region);
                    Add(f[2], region);
                    break;
                case "N":
                    if (countries[f[1]] is { } country)
                    {
                        var entry = new GazetteerEntry(PlaceKind.Country, country.Name, country.Code, "", null, country.LabelPoint, long.MaxValue);
                        countryEntries[country.Code] = entry;
                        foreach (var name in f[2].Split('|'))
                        {
                            Add(name, entry);
                        }

                        if (f.Length > 3 && f[3].Length == 3)
                        {
                            Add(f[3], entry);
                        }
                    }

                    break;
                case "A":
                    aliases.Add(f);
                    break;
                default:
                    throw new InvalidDataException($"Unexpected line kind '{f[0]}' in the embedded gazetteer; regenerate it with tools/derive-enrichment-data/derive.py.");
            }
        }

        foreach (var (entry, alternates) in cities)
        {
            var withRegion = regions.GetValueOrDefault(entry.CountryCode + ":" + entry.Admin1) is { } region ? entry with { RegionName = region.Name } : entry;
            Add(withRegion.Name, withRegion);
            foreach (var alternate in alternates.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                Add(alternate, withRegion);
            }
        }

        foreach (var f in aliases)
        {
            GazetteerEntry? target = f[1] == "country"
                ? countryEntries.GetValueOrDefault(f[3])
                : names.GetValueOrDefault(Normalize(f[3]))?.Where(e => e.Kind == PlaceKind.City && e.CountryCode == f[4] && (f[5].Length == 0 || e.Admin1 == f[5]))
                    .MaxBy(e => e.Population);
            if (target is null)
            {
                throw new InvalidDataException($"Gazetteer alias '{f[2]}' points at '{f[3]}' ({f[4]}), which is not in the gazetteer; fix ALIASES in tools/derive-enrichment-data/derive.py.");
            }

            Add(f[2], target);
            aliased.Add(target);
        }

        return new Gazetteer(names, aliased, regions);
    }

    private static GeoCoordinate Point(string lat, string lon) =>
        new(double.Parse(lat, CultureInfo.InvariantCulture), double.Parse(lon, CultureInfo.InvariantCulture));
}
