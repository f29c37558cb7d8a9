#!/usr/bin/env bash
# The system packages the window needs on a Debian/Ubuntu X desktop (Qt's xcb plugin), plus the
# virtual X server and key sender the real-display tests use. Run as root (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2046  # one package name per line
apt-get install -y -qq --no-install-recommends xvfb xdotool x11-xkb-utils $(cat packaging/xcb-packages.txt) >/dev/null
