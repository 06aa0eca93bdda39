#!/bin/sh
# Installs the Debian packages the project builds and tests with, when any
# is missing; does nothing when all are there. Used by `make deps`, which
# `make test` and `make demo` call first.
set -eu
packages="build-essential pkg-config clang cppcheck libcmocka-dev libgif-dev libpng-dev libserialport-dev gcc-avr avr-libc binutils-avr simavr libsimavr-dev libelf-dev libmbedtls-dev zlib1g-dev libcurl4-openssl-dev libinih-dev libutf8proc-dev libxml2-dev libcjson-dev libmosquitto-dev mosquitto python3-feedparser"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
