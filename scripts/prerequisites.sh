#!/usr/bin/env bash
# Shared by test.sh and run.sh: makes sure the native prerequisites are on the machine.
# As root it installs what is missing with apt; otherwise it says exactly what to install.

# Debian package -> a file whose presence shows the package is usable.
declare -A ETL_PREREQS=(
  [postgresql]="initdb"
  [python3-avro]="/usr/lib/python3/dist-packages/avro/__init__.py"
  [python3-yaml]="/usr/lib/python3/dist-packages/yaml/__init__.py"
  [docker-compose]="docker-compose"
  [chromium]="/usr/bin/chromium"
)

etl_has() {
  local probe=$1
  if [[ $probe == /* ]]; then
    [[ -e $probe ]]
  elif command -v "$probe" >/dev/null 2>&1; then
    return 0
  else
    compgen -G "/usr/lib/postgresql/*/bin/$probe" >/dev/null
  fi
}

# Usage: etl_ensure_packages PACKAGE...
etl_ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    etl_has "${ETL_PREREQS[$pkg]}" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing prerequisites: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
}

etl_ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK 10 is required (dotnet was not found on PATH)." >&2
    echo "Install it from https://dot.net or Debian/Microsoft packages (dotnet-sdk-10.0)." >&2
    exit 2
  fi
}
