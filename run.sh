#!/usr/bin/env bash
# Runs the pipeline on embedded defaults on a bare machine: the in-process Kafka mock cluster, an in-memory
# schema registry, the synthetic tweet generator, and the real worker pipeline (etl-worker demo) with the
# all-MiniLM-L6-v2 sentence embedder in process: 3,000 tweets, well under a minute on 2 cores, ending with a semantic
# search over what was indexed. Extra arguments go to the demo, e.g. ./run.sh --count 20000, or the firehose mode
# ./run.sh --embedder hashing --count 50000, or ./run.sh --elasticsearch http://localhost:9200
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

etl_ensure_dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> building etl-worker"
dotnet build Etl.Worker -c Release --verbosity quiet -clp:ErrorsOnly -o .run/etl-worker >/dev/null
worker=.run/etl-worker/etl-worker

if "$worker" demo --help >/dev/null 2>&1; then
  exec "$worker" demo "$@"
fi

echo "etl-worker has no 'demo' command yet (it arrives with the worker pipeline)."
echo "Running what exists: a check of the native Kafka client."
exec "$worker" doctor
