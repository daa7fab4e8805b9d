#!/usr/bin/env bash
# Debian packages the tests use, installed when missing: a font with Chinese characters
# (the PNG charts' labels). Without them the tests still run and check the error that
# names what is missing.
set -uo pipefail
wanted=(fonts-wqy-zenhei)
missing=()
for p in "${wanted[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo -n"
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1; then
    echo "note: could not install ${missing[*]}; the tests check the message that names them" >&2
fi
exit 0
