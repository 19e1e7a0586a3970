#!/usr/bin/env bash
# The Debian tools the tests run, installed when missing (the build runs this before the first module's tests, and
# platform-tests before its own; .ci/run too): chromium and chromium-driver, which the console's browser tests drive,
# docker-compose, which checks docker-compose.yml as Compose reads it (no Docker engine needed for that), and python3,
# which plays a process whose first thread ends before its last in local-infrastructure's SupervisorTest. Needs root
# or sudo on a machine without them.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/python3 ] || missing+=(python3)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing ${missing[*]} (Debian packages) for the tests ..."
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
docker-compose version --short
/usr/bin/python3 --version
