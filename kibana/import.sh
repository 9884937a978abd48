#!/usr/bin/env bash
# Imports kibana/saved_objects.ndjson into Kibana through the saved objects API, overwriting earlier copies,
# so re-running it after an upgrade of the dashboards is safe. compose.yaml runs it as the one-shot
# `kibana-setup` service; it also works by hand against Kibana 8.8 or later, 9.x included:
#
#   KIBANA_URL=http://localhost:5601 KIBANA_USERNAME=elastic KIBANA_PASSWORD=... kibana/import.sh
#
# Environment:
#   KIBANA_URL         default http://kibana:5601
#   KIBANA_USERNAME    default elastic (needs the kibana_admin privileges on the target space)
#   KIBANA_PASSWORD    required
#   KIBANA_SPACE       optional space id; the default space when empty
#   SAVED_OBJECTS      default: saved_objects.ndjson next to this script
#   WAIT_SECONDS       how long to wait for Kibana to report "available" (default 300)
set -euo pipefail

kibana_url=${KIBANA_URL:-http://kibana:5601}
username=${KIBANA_USERNAME:-elastic}
password=${KIBANA_PASSWORD:?KIBANA_PASSWORD is not set: export the password of ${KIBANA_USERNAME:-elastic} (ELASTIC_PASSWORD in .env)}
space_prefix=${KIBANA_SPACE:+/s/$KIBANA_SPACE}
objects=${SAVED_OBJECTS:-$(dirname "$0")/saved_objects.ndjson}
wait_seconds=${WAIT_SECONDS:-300}

if [[ ! -s $objects ]]; then
  echo "Saved objects file '$objects' is missing or empty; run kibana/generate_saved_objects.py first." >&2
  exit 2
fi

# Kibana answers HTTP long before its plugins are ready; an import sent too early fails with 503.
echo "Waiting up to ${wait_seconds}s for Kibana at $kibana_url to be available..."
deadline=$((SECONDS + wait_seconds))
until status=$(curl -sS -u "$username:$password" "$kibana_url/api/status" 2>/dev/null) &&
      grep -qE '"overall":\{"level":"available"' <<<"$status"; do
  if ((SECONDS >= deadline)); then
    echo "Kibana at $kibana_url was not available after ${wait_seconds}s. Last answer: ${status:-none}" >&2
    echo "Check 'docker compose logs kibana', and that KIBANA_USERNAME/KIBANA_PASSWORD can log in." >&2
    exit 1
  fi
  sleep 5
done

echo "Importing $(wc -l <"$objects") saved objects from $objects"
response=$(curl -sS -u "$username:$password" -H 'kbn-xsrf: tweet-etl' \
  -X POST "$kibana_url$space_prefix/api/saved_objects/_import?overwrite=true" \
  --form file=@"$objects")

# The API answers 200 even when some objects fail; the body says which ("success":false plus "errors").
if grep -q '"success":true' <<<"$response"; then
  count=$(grep -o '"successCount":[0-9]*' <<<"$response" | cut -d: -f2)
  echo "Imported ${count:-?} saved objects. Dashboards: $kibana_url$space_prefix/app/dashboards"
else
  echo "Kibana rejected the import:" >&2
  echo "$response" >&2
  exit 1
fi
