#!/usr/bin/env bash
# The Debian tools the platform tests run, installed when missing (the build of platform-tests runs this before its
# tests; .ci/run too): chromium and chromium-driver, which the console's browser tests drive, and docker-compose, which
# checks docker-compose.yml as Compose reads it (no Docker engine needed for that). Needs root or sudo on a machine
# without them.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing ${missing[*]} (Debian packages) for the platform tests ..."
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
docker-compose version --short
