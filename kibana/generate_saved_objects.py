#!/usr/bin/env python3
"""Writes kibana/saved_objects.ndjson: the Tweet ETL data views, Lens visualizations, map and dashboards.

Why a generator: a Kibana export is thousands of lines of nested JSON-in-JSON with random ids, which nobody
can review or keep in step with the index templates by hand. Here each panel is a few readable lines;
ids are UUIDv5 of a stable name, so re-running the script gives byte-identical output and diffs stay small.

    python3 kibana/generate_saved_objects.py          # rewrite the NDJSON
    python3 kibana/generate_saved_objects.py --check  # exit 1 if the committed NDJSON is out of date

The objects follow the Kibana 8.x saved-object format (coreMigrationVersion 8.8.0, the frozen value every 8.8+
export carries). Each typeMigrationVersion names the newest migration whose output format these objects
already have, so Kibana 9.4 (the stack's version) only runs the migrations that came after it on import. Beyond
that, the objects keep to Kibana 9's dashboard and Lens attribute schemas (which reject unknown attributes) and use
the 9.x legend form (legendStats, not valuesInLegend/showValuesInLegend); tests/Etl.Stack.Tests checks both.
Field names come from Etl.Schemas/Documents/TweetDocument.cs and the index templates in
Etl.Schemas/Elasticsearch; tests/Etl.Stack.Tests checks that every field used here exists there with a fitting type.
"""

import argparse
import json
import sys
import uuid
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "saved_objects.ndjson"

# Fixed namespace so ids are stable across runs and machines.
NAMESPACE = uuid.UUID("5b0c3f0e-6a55-4a57-9f0e-7e7a1f3d2c10")

CORE_MIGRATION_VERSION = "8.8.0"
TYPE_MIGRATION_VERSIONS = {
    "index-pattern": "8.0.0",
    "lens": "8.9.0",
    "map": "8.4.0",
    "dashboard": "8.9.0",
}


def stable_id(name):
    return str(uuid.uuid5(NAMESPACE, name))


def saved_object(kind, key, attributes, references):
    return {
        "attributes": attributes,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "id": stable_id(f"{kind}/{key}"),
        "managed": False,
        "references": references,
        "type": kind,
        "typeMigrationVersion": TYPE_MIGRATION_VERSIONS[kind],
    }


# ---------------------------------------------------------------- data views

def data_view(key, title, name, time_field):
    return saved_object(
        "index-pattern",
        key,
        {
            "allowHidden": False,
            "fieldAttrs": "{}",
            "fieldFormatMap": "{}",
            # Empty: Kibana reads the field list from the mapping when the data view is opened.
            "fields": "[]",
            "name": name,
            "runtimeFieldMap": "{}",
            "sourceFilters": "[]",
            "timeFieldName": time_field,
            "title": title,
        },
        [],
    )


DATA_VIEWS = {
    "tweets": data_view("tweets", "tweets", "Tweets", "created_at"),
    # Same indices, timed by when the pipeline read each tweet: a replayed archive from 2013 still shows
    # up as "indexed in the last 15 minutes" here, which is what an indexing-rate chart needs.
    "tweets-ingest": data_view("tweets-ingest", "tweets", "Tweets by ingest time", "ingested_at"),
    "rollups": data_view("rollups", "tweets-rollup-*", "Tweet rollups", "bucket_start"),
    "trends": data_view("trends", "tweets-trends", "Tweet trends", "window_start"),
    "deadletters": data_view("deadletters", "tweets-deadletters", "Dead letters", "failed_at"),
}


# ---------------------------------------------------------------- Lens columns

def count(label="Tweets"):
    return {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": "___records___",
        "params": {"emptyAsNull": True},
    }


def metric(operation, field, label):
    """sum, average, max, min, median or unique_count over a numeric field."""
    return {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": operation,
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": field,
        "params": {"emptyAsNull": True},
    }


def last_value(field, sort_field, label, data_type="string"):
    return {
        "label": label,
        "customLabel": True,
        "dataType": data_type,
        "operationType": "last_value",
        "isBucketed": False,
        "scale": "ordinal" if data_type == "string" else "ratio",
        "sourceField": field,
        "params": {"sortField": sort_field, "showArrayValues": True},
    }


def date_histogram(field, label):
    return {
        "label": label,
        "customLabel": True,
        "dataType": "date",
        "operationType": "date_histogram",
        "isBucketed": True,
        "scale": "interval",
        "sourceField": field,
        "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False},
    }


def terms(field, size, order_by, label, other_bucket=False):
    """Top `size` values of a keyword field, ranked by the column named `order_by` (a key in the same layer)."""
    return {
        "label": label,
        "customLabel": True,
        "dataType": "string",
        "operationType": "terms",
        "isBucketed": True,
        "scale": "ordinal",
        "sourceField": field,
        "params": {
            "size": size,
            "orderBy": {"type": "column", "columnId": order_by},
            "orderDirection": "desc",
            "otherBucket": other_bucket,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
            "include": [],
            "exclude": [],
            "includeIsRegex": False,
            "excludeIsRegex": False,
        },
    }


# ---------------------------------------------------------------- Lens visualizations

def xy(series_type, x, ys, split=None, right_axis=()):
    def build(ids):
        layer = {
            "layerId": ids["layer"],
            "accessors": [ids[y] for y in ys],
            "position": "top",
            "seriesType": series_type,
            "showGridlines": False,
            "layerType": "data",
            "xAccessor": ids[x],
        }
        if split:
            layer["splitAccessor"] = ids[split]
        if right_axis:
            layer["yConfig"] = [{"forAccessor": ids[y], "axisMode": "right"} for y in right_axis]
        settings = {"x": True, "yLeft": True, "yRight": True}
        return "lnsXY", {
            "legend": {"isVisible": True, "position": "right"},
            "valueLabels": "hide",
            "fittingFunction": "None",
            "axisTitlesVisibilitySettings": settings,
            "tickLabelsVisibilitySettings": settings,
            "gridlinesVisibilitySettings": settings,
            "labelsOrientation": {"x": 0, "yLeft": 0, "yRight": 0},
            "preferredSeriesType": series_type,
            "layers": [layer],
        }
    return build


def donut(group, value):
    def build(ids):
        return "lnsPie", {
            "shape": "donut",
            "layers": [{
                "layerId": ids["layer"],
                "primaryGroups": [ids[group]],
                "metrics": [ids[value]],
                "numberDisplay": "percent",
                "categoryDisplay": "default",
                "legendDisplay": "default",
                "nestedLegend": False,
                "layerType": "data",
            }],
        }
    return build


def tag_cloud(tag, value):
    def build(ids):
        return "lnsTagcloud", {
            "layerId": ids["layer"],
            "layerType": "data",
            "tagAccessor": ids[tag],
            "valueAccessor": ids[value],
            "maxFontSize": 72,
            "minFontSize": 14,
            "orientation": "single",
            "showLabel": False,
        }
    return build


def table(columns, sort_by):
    def build(ids):
        return "lnsDatatable", {
            "layerId": ids["layer"],
            "layerType": "data",
            "columns": [{"columnId": ids[c], "isTransposed": False} for c in columns],
            "sorting": {"columnId": ids[sort_by], "direction": "desc"},
        }
    return build


def big_number(value):
    def build(ids):
        return "lnsMetric", {"layerId": ids["layer"], "layerType": "data", "metricAccessor": ids[value]}
    return build


def lens(key, title, view, columns, visualization, description="", query=""):
    """A Lens object with one form-based layer over data view `view`; `columns` maps local keys to columns."""
    ids = {name: stable_id(f"lens/{key}/{name}") for name in list(columns) + ["layer"]}
    resolved = {}
    for name, column in columns.items():
        column = json.loads(json.dumps(column))
        order_by = column.get("params", {}).get("orderBy", {})
        if "columnId" in order_by:
            order_by["columnId"] = ids[order_by["columnId"]]
        resolved[ids[name]] = column
    visualization_type, visualization_state = visualization(ids)
    layer_reference = f"indexpattern-datasource-layer-{ids['layer']}"
    return saved_object(
        "lens",
        key,
        {
            "title": title,
            "description": description,
            "visualizationType": visualization_type,
            "state": {
                "visualization": visualization_state,
                "query": {"query": query, "language": "kuery"},
                "filters": [],
                "datasourceStates": {
                    "formBased": {
                        "layers": {
                            ids["layer"]: {
                                "columns": resolved,
                                "columnOrder": [ids[name] for name in columns],
                                "incompleteColumns": {},
                                "sampling": 1,
                            }
                        }
                    },
                    "indexpattern": {"layers": {}},
                    "textBased": {"layers": {}},
                },
                "internalReferences": [],
                "adHocDataViews": {},
            },
        },
        [{"id": DATA_VIEWS[view]["id"], "name": layer_reference, "type": "index-pattern"}],
    )


# ---------------------------------------------------------------- map

def tweet_map(key, title, view):
    """Tweet locations from geo.location, one colour per geo.source (coordinates / place / profile)."""
    static = lambda options: {"type": "STATIC", "options": options}  # noqa: E731
    layers = [
        {
            "id": stable_id(f"map/{key}/basemap"),
            "label": None,
            "locale": "autoselect",
            "minZoom": 0,
            "maxZoom": 24,
            "alpha": 1,
            "visible": True,
            "includeInFitToBounds": True,
            "type": "EMS_VECTOR_TILE",
            "style": {"type": "EMS_VECTOR_TILE", "color": ""},
            "sourceDescriptor": {"type": "EMS_TMS", "isAutoSelect": True, "lightModeDefault": "road_map_desaturated"},
        },
        {
            "id": stable_id(f"map/{key}/tweets"),
            "label": "Tweets by geo source",
            "minZoom": 0,
            "maxZoom": 24,
            "alpha": 0.8,
            "visible": True,
            "includeInFitToBounds": True,
            "type": "MVT_VECTOR",
            "joins": [],
            "disableTooltips": False,
            "sourceDescriptor": {
                "id": stable_id(f"map/{key}/tweets/source"),
                "type": "ES_SEARCH",
                "geoField": "geo.location",
                "scalingType": "MVT",
                "applyGlobalQuery": True,
                "applyGlobalTime": True,
                "applyForceRefresh": True,
                "filterByMapBounds": True,
                "tooltipProperties": ["user.screen_name", "text", "geo.source", "geo.place_name", "geo.country"],
                "sortField": "",
                "sortOrder": "desc",
                "topHitsGroupByTimeseries": False,
                "topHitsSplitField": "",
                "topHitsSize": 1,
                "indexPatternRefName": "layer_1_source_index_pattern",
            },
            "style": {
                "type": "VECTOR",
                "isTimeAware": True,
                "properties": {
                    "icon": static({"value": "marker"}),
                    "fillColor": {
                        "type": "DYNAMIC",
                        "options": {
                            "field": {"name": "geo.source", "origin": "source"},
                            "type": "CATEGORICAL",
                            "useCustomColorPalette": False,
                            "colorCategory": "palette_0",
                            "otherCategoryColor": "#D3DAE6",
                            "fieldMetaOptions": {"isEnabled": True, "sigma": 3},
                        },
                    },
                    "lineColor": static({"color": "#FFFFFF"}),
                    "lineWidth": static({"size": 1}),
                    "iconSize": static({"size": 6}),
                    "iconOrientation": static({"orientation": 0}),
                    "labelText": static({"value": ""}),
                    "labelColor": static({"color": "#000000"}),
                    "labelSize": static({"size": 14}),
                    "labelZoomRange": {"options": {"useLayerZoomRange": True, "minZoom": 0, "maxZoom": 24}},
                    "labelBorderColor": static({"color": "#FFFFFF"}),
                    "symbolizeAs": {"options": {"value": "circle"}},
                    "labelBorderSize": {"options": {"size": "SMALL"}},
                    "labelPosition": {"options": {"position": "CENTER"}},
                },
            },
        },
    ]
    map_state = {
        "zoom": 1.5,
        "center": {"lon": 0, "lat": 20},
        "timeFilters": {"from": "now-24h", "to": "now"},
        "refreshConfig": {"isPaused": True, "interval": 0},
        "query": {"query": "", "language": "kuery"},
        "filters": [],
        "settings": {"autoFitToDataBounds": False, "initialLocation": "LAST_SAVED_LOCATION"},
    }
    return saved_object(
        "map",
        key,
        {
            "title": title,
            "description": "Each tweet with a location; colour shows whether it came from exact coordinates, "
                           "the tagged place, or the profile location text.",
            "layerListJSON": json.dumps(layers, separators=(",", ":")),
            "mapStateJSON": json.dumps(map_state, separators=(",", ":")),
            "uiStateJSON": json.dumps({"isLayerTOCOpen": True, "openTOCDetails": []}, separators=(",", ":")),
        },
        [{"id": DATA_VIEWS[view]["id"], "name": "layer_1_source_index_pattern", "type": "index-pattern"}],
    )


# ---------------------------------------------------------------- panels, by dashboard

OVERVIEW = [
    # (object, x, y, w, h) on Kibana's 48-column grid
    (lens("overview-total", "Tweets", "tweets", {"n": count()}, big_number("n")), 0, 0, 12, 6),
    (lens("overview-mean-sentiment", "Mean sentiment score", "tweets",
          {"s": metric("average", "sentiment.score", "Mean sentiment (-1 to 1)")}, big_number("s")), 12, 0, 12, 6),
    (lens("overview-volume", "Tweet volume over time", "tweets",
          {"t": date_histogram("created_at", "Created"), "n": count()}, xy("bar_stacked", "t", ["n"])), 24, 0, 24, 12),
    (lens("overview-top-hashtags", "Top hashtags", "tweets",
          {"h": terms("hashtags", 15, "n", "Hashtag"), "n": count()}, xy("bar_horizontal", "h", ["n"])), 0, 6, 24, 16),
    (lens("overview-hashtag-cloud", "Hashtag cloud", "tweets",
          {"h": terms("hashtags", 60, "n", "Hashtag"), "n": count()}, tag_cloud("h", "n")), 24, 12, 24, 14),
    (lens("overview-sentiment-time", "Sentiment over time", "tweets",
          {"t": date_histogram("created_at", "Created"), "l": terms("sentiment.label", 3, "n", "Sentiment"),
           "n": count()},
          xy("area_percentage_stacked", "t", ["n"], split="l")), 0, 22, 24, 12),
    (lens("overview-sentiment-mix", "Sentiment mix", "tweets",
          {"l": terms("sentiment.label", 3, "n", "Sentiment"), "n": count()}, donut("l", "n")), 24, 26, 12, 12),
    (lens("overview-language-mix", "Language mix", "tweets",
          {"l": terms("lang", 10, "n", "Language", other_bucket=True), "n": count()}, donut("l", "n")), 36, 26, 12, 12),
    (lens("overview-top-mentions", "Top mentioned users", "tweets",
          {"m": terms("mentions", 15, "n", "Mentioned user"), "n": count("Mentions")},
          xy("bar_horizontal", "m", ["n"])), 0, 34, 24, 14),
    (lens("overview-engagement-time", "Engagement over time", "tweets",
          {"t": date_histogram("created_at", "Created"),
           "likes": metric("sum", "engagement.like_count", "Likes"),
           "retweets": metric("sum", "engagement.retweet_count", "Retweets"),
           "replies": metric("sum", "engagement.reply_count", "Replies"),
           "quotes": metric("sum", "engagement.quote_count", "Quotes")},
          xy("line", "t", ["likes", "retweets", "replies", "quotes"])), 24, 38, 24, 12),
    (lens("overview-most-engaged", "Most-engaged tweets", "tweets",
          {"id": terms("id", 10, "engagement", "Tweet id"),
           "user": last_value("user.screen_name", "created_at", "User"),
           "text": last_value("text.keyword", "created_at", "Text"),
           "engagement": metric("max", "engagement.total", "Engagement"),
           "likes": metric("max", "engagement.like_count", "Likes"),
           "retweets": metric("max", "engagement.retweet_count", "Retweets")},
          table(["id", "user", "text", "engagement", "likes", "retweets"], "engagement"),
          description="Ranked by likes + retweets + replies + quotes."), 0, 50, 48, 14),
    (lens("overview-rollups", "Hourly volume and mean sentiment (rollups)", "rollups",
          {"t": date_histogram("bucket_start", "Hour"), "n": metric("sum", "tweets", "Tweets"),
           "s": metric("average", "mean_sentiment", "Mean sentiment")},
          xy("line", "t", ["n", "s"], right_axis=["s"]),
          description="From the scheduler's hourly rollups, which outlive the raw tweets' retention.",
          query='interval : "1h"'), 0, 64, 48, 12),
]

GEO = [
    (tweet_map("geo-map", "Tweet locations by geo source", "tweets"), 0, 0, 48, 24),
    (lens("geo-countries", "Tweets by country", "tweets",
          {"c": terms("geo.country", 20, "n", "Country"), "n": count()}, xy("bar_horizontal", "c", ["n"])),
     0, 24, 32, 16),
    (lens("geo-sources", "How locations were found", "tweets",
          {"s": terms("geo.source", 3, "n", "Geo source"), "n": count()}, donut("s", "n"),
          description="coordinates: exact point on the tweet; place: centre of the tagged place; "
                      "profile: the user's profile location matched against the gazetteer."),
     32, 24, 16, 16),
]

TRENDS = [
    (lens("trends-table", "Trend table", "trends",
          {"label": terms("label.keyword", 25, "score", "Trend"),
           "size": last_value("size", "window_start", "Size (tweets)", "number"),
           "growth": last_value("growth", "window_start", "Growth", "number"),
           "score": metric("max", "score", "Peak score"),
           "seen": last_value("window_end", "window_start", "Last seen", "date")},
          table(["label", "size", "growth", "score", "seen"], "score"),
          description="One row per trend label; size and growth from its latest window."), 0, 0, 48, 16),
    (lens("trends-timeline", "Trend timeline", "trends",
          {"t": date_histogram("window_start", "Window"), "label": terms("label.keyword", 10, "size", "Trend"),
           "size": metric("max", "size", "Tweets in cluster")},
          xy("line", "t", ["size"], split="label")), 0, 16, 32, 14),
    (lens("trends-terms", "Terms driving trends", "trends",
          {"term": terms("top_terms", 50, "n", "Term"), "n": count("Windows")}, tag_cloud("term", "n")),
     32, 16, 16, 14),
]

PIPELINE = [
    (lens("pipeline-indexing-rate", "Indexing rate", "tweets-ingest",
          {"t": date_histogram("ingested_at", "Ingested"), "n": count("Tweets indexed")}, xy("bar_stacked", "t", ["n"]),
          description="Tweets per interval by the time the worker read them from Kafka."), 0, 0, 32, 12),
    (lens("pipeline-versions", "Indexed by pipeline version", "tweets-ingest",
          {"v": terms("pipeline.version", 5, "n", "Pipeline version"), "n": count()}, donut("v", "n")), 32, 0, 16, 12),
    (lens("pipeline-dead-letters-time", "Dead letters over time", "deadletters",
          {"t": date_histogram("failed_at", "Failed"), "stage": terms("stage", 5, "n", "Stage"), "n": count("Dead letters")},
          xy("bar_stacked", "t", ["n"], split="stage")), 0, 12, 32, 12),
    (lens("pipeline-dead-letters-type", "Dead letters by error type", "deadletters",
          {"e": terms("error_type", 10, "n", "Error type"), "n": count("Dead letters")}, xy("bar_horizontal", "e", ["n"])),
     32, 12, 16, 12),
    (lens("pipeline-dead-letters-recent", "Recent dead letters", "deadletters",
          {"e": terms("error_type", 20, "n", "Error type"),
           "topic": last_value("source_topic", "failed_at", "Topic"),
           "message": last_value("error_message.keyword", "failed_at", "Latest message"),
           "status": last_value("es_status", "failed_at", "Elasticsearch status", "number"),
           "last": last_value("failed_at", "failed_at", "Last failure", "date"),
           "n": count("Dead letters")},
          table(["e", "topic", "message", "status", "last", "n"], "n")), 0, 24, 48, 14),
]

DASHBOARDS = [
    ("overview", "Tweets · Overview",
     "Volume, hashtags, sentiment, languages, mentions and engagement of the indexed tweets.", OVERVIEW, "now-24h", None),
    ("geo", "Tweets · Geo", "Where tweets come from, and how each location was found.", GEO, "now-24h", None),
    ("trends", "Tweets · Trends", "Trend clusters found by the scheduler's kNN clustering, with size and growth.",
     TRENDS, "now-24h", None),
    ("pipeline", "Tweets · Pipeline", "Indexing rate and dead letters of the ETL worker.", PIPELINE, "now-1h", 10000),
]


def dashboard(key, title, description, panels, time_from, refresh_ms):
    panel_list, references = [], []
    for saved, x, y, w, h in panels:
        index = stable_id(f"dashboard/{key}/panel/{saved['id']}")
        panel_list.append({
            "type": saved["type"],
            "panelIndex": index,
            "panelRefName": f"panel_{index}",
            "gridData": {"x": x, "y": y, "w": w, "h": h, "i": index},
            "embeddableConfig": {"enhancements": {}},
        })
        references.append({"id": saved["id"], "name": f"{index}:panel_{index}", "type": saved["type"]})
    return saved_object(
        "dashboard",
        key,
        {
            "title": title,
            "description": description,
            "panelsJSON": json.dumps(panel_list, separators=(",", ":")),
            "optionsJSON": json.dumps({"useMargins": True, "syncColors": False, "syncCursor": True,
                                       "syncTooltips": False, "hidePanelTitles": False}, separators=(",", ":")),
            "timeRestore": True,
            "timeFrom": time_from,
            "timeTo": "now",
            "refreshInterval": {"pause": refresh_ms is None, "value": refresh_ms or 60000},
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
                {"query": {"query": "", "language": "kuery"}, "filter": []}, separators=(",", ":"))},
            "version": 1,
        },
        references,
    )


def all_objects():
    objects = list(DATA_VIEWS.values())
    for key, title, description, panels, time_from, refresh in DASHBOARDS:
        objects.extend(saved for saved, *_ in panels)
        objects.append(dashboard(key, title, description, panels, time_from, refresh))
    return objects


def render():
    return "".join(json.dumps(o, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
                   for o in all_objects())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing it; exit 1 when they differ")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date with {Path(__file__).name}; "
                  f"run 'python3 kibana/{Path(__file__).name}' and commit the result.", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} is up to date ({text.count(chr(10))} objects).")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10))} objects)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
