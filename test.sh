#!/usr/bin/env bash
# Runs every test: installs prerequisites (as root), restores, builds with warnings as errors,
# runs each test project in turn and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

etl_ensure_dotnet
etl_ensure_packages postgresql python3-avro docker-compose python3-yaml chromium

# Debian's librdkafka1, unpacked into .cache/ (not installed), for the doctor tests: as packaged the bundled
# librdkafka still wins; with librdkafka-dev's link the worker refuses to start. Without network they skip and say why.
echo "==> Debian librdkafka1 for the doctor tests"
scripts/debian-librdkafka1.sh >/dev/null || echo "    (not available: the doctor test with Debian's librdkafka1 will skip)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "==> restore"
dotnet restore Etl.sln --verbosity quiet

echo "==> build (Release, warnings are errors)"
dotnet build Etl.sln -c Release --no-restore -warnaserror -clp:"ErrorsOnly;Summary" --verbosity minimal

results=.test-output
rm -rf "$results"
mkdir -p "$results"
failed_projects=()
for project in tests/Etl.*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  if ! dotnet test "$project" -c Release --no-build --nologo --verbosity quiet \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" --blame-hang-timeout 10m; then
    failed_projects+=("$name")
  fi
done

# One closing line over all projects, from the TRX counters.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if ((${#failed_projects[@]} > 0)); then
  echo "Failing test projects: ${failed_projects[*]}"
  failed=$((failed == 0 ? 1 : failed))
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
