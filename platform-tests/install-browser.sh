#!/usr/bin/env bash
# The browser the console's tests drive: Debian's chromium and chromium-driver, installed when missing (the build of
# platform-tests runs this before its tests; .ci/run too). Needs root or sudo on a machine without them.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing chromium and chromium-driver (Debian packages) for the console's browser tests ..."
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
