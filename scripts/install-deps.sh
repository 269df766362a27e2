#!/usr/bin/env bash
# Installs the Debian packages mvis needs to build, test and run. Idempotent: packages already
# present are skipped, and apt is not touched when nothing is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git clang-format
  libboost1.81-dev libsoci-dev libsqlite3-dev libpq-dev sqlite3
  nlohmann-json3-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libcurl4-openssl-dev libssl-dev libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev libqrencode-dev
  libcairo2-dev libpango1.0-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils zbar-tools
  postgresql postgresql-client
  python3-openpyxl
  nodejs chromium fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

# Debian's postgresql package may start a cluster; tests start their own throwaway server, so the
# packaged service is left alone.
