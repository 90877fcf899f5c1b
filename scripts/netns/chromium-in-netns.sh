#!/usr/bin/env bash
# Playwright launches this as its "browser": Chromium inside the network namespace named in
# KANAVA_NETNS (ip netns exec keeps the DevTools pipe file descriptors open across the exec).
set -euo pipefail
: "${KANAVA_NETNS:?KANAVA_NETNS must name the namespace to run Chromium in}"
exec ip netns exec "$KANAVA_NETNS" "${KANAVA_CHROMIUM:-/usr/bin/chromium}" "$@"
