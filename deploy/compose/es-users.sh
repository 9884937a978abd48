#!/usr/bin/env bash
# One-shot (compose service `es-users`): after Elasticsearch is up, sets the built-in kibana_system password and
# creates the least-privilege role and user the ETL worker and scheduler log in with. Idempotent.
set -euo pipefail
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is not set (see .env.example)}"
: "${KIBANA_PASSWORD:?KIBANA_PASSWORD is not set (see .env.example)}"
: "${ETL_ES_USERNAME:?ETL_ES_USERNAME is not set (see .env.example)}"
: "${ETL_ES_PASSWORD:?ETL_ES_PASSWORD is not set (see .env.example)}"
es=${ES_URL:-https://elasticsearch:9200}
ca=${ES_CA:-/usr/share/elasticsearch/config/certs/ca/ca.crt}

json_string() { # quotes a value for a JSON body, escaping backslashes and double quotes
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

call() { # method path body
  local answer
  answer=$(curl -sS --cacert "$ca" -u "elastic:$ELASTIC_PASSWORD" -X "$1" "$es$2" \
    -H 'Content-Type: application/json' -d "$3" -w '\n%{http_code}')
  if [[ ${answer##*$'\n'} != 2* ]]; then
    echo "Elasticsearch refused $1 $2: ${answer%$'\n'*}" >&2
    exit 1
  fi
}

until curl -sS --cacert "$ca" -u "elastic:$ELASTIC_PASSWORD" "$es/_cluster/health" >/dev/null 2>&1; do
  echo "Waiting for Elasticsearch at $es..."
  sleep 3
done

call POST /_security/user/kibana_system/_password "{\"password\":$(json_string "$KIBANA_PASSWORD")}"
call PUT /_security/role/tweet_etl '{
  "cluster": ["monitor", "manage_index_templates", "manage_ilm"],
  "indices": [{
    "names": ["tweets", "tweets-*"],
    "privileges": ["create_index", "write", "read", "view_index_metadata", "manage"]
  }]
}'
call PUT "/_security/user/$ETL_ES_USERNAME" \
  "{\"password\":$(json_string "$ETL_ES_PASSWORD"),\"roles\":[\"tweet_etl\"],\"full_name\":\"Tweet ETL worker and scheduler\"}"
echo "kibana_system password set; role tweet_etl and user $ETL_ES_USERNAME ready."
