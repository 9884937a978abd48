#!/usr/bin/env bash
# One-shot (compose service `es-certs`): creates a private CA and a TLS certificate for the `elasticsearch`
# host with elasticsearch-certutil, once, into the `certs` volume. Runs in the Elasticsearch image as root.
set -euo pipefail
certs=/usr/share/elasticsearch/config/certs
cd /usr/share/elasticsearch

if [[ -f $certs/ca/ca.crt && -f $certs/elasticsearch/elasticsearch.crt ]]; then
  echo "TLS certificates already exist in $certs; keeping them."
  exit 0
fi

bin/elasticsearch-certutil ca --silent --pem --out "$certs/ca.zip"
unzip -o -q "$certs/ca.zip" -d "$certs"
cat >"$certs/instances.yml" <<'YAML'
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
YAML
bin/elasticsearch-certutil cert --silent --pem --in "$certs/instances.yml" \
  --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key" --out "$certs/certs.zip"
unzip -o -q "$certs/certs.zip" -d "$certs"
rm -f "$certs/ca.zip" "$certs/certs.zip"

# Elasticsearch and Kibana run as uid 1000 gid 0, the ETL images as uid 10001: keys readable by group 0 only,
# certificates by everyone, the CA key by nobody but root (it is needed only to sign).
chown -R root:root "$certs"
find "$certs" -type d -exec chmod 755 {} +
find "$certs" -type f -exec chmod 644 {} +
chmod 640 "$certs/elasticsearch/elasticsearch.key"
chmod 600 "$certs/ca/ca.key"
echo "Created a CA and a certificate for 'elasticsearch' in $certs."
