#!/usr/bin/env bash
# Debian packages the workstation and its tests need: Qt/QtWebEngine runtime
# libraries, Xvfb for screenshots, socat for serial tests, poppler for PDF
# checks, PostgreSQL for the multi-desk tests, tilemaker for `arm map import`. Installs only what is missing.
set -euo pipefail
pkgs=(
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6 libxkbfile1 libxshmfence1 libgbm1
  libasound2 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xinput0 libxcb-xkb1 libpulse0 fonts-dejavu-core
  xvfb xauth socat poppler-utils postgresql postgresql-15-postgis-3 pulseaudio
  tilemaker
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
