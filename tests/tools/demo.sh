#!/bin/sh
# `make demo`: the whole chain on one machine, with no network. A local
# HTTPS feed server (mbedTLS, its own CA) serves the demo feeds in
# tests/fixtures/demo; ticker-sim shows the display in this terminal; tickerd
# fetches over verified TLS, condenses, and drives the simulator through a
# pty (DISPLAY_KIND=avr: the real AVR firmware in a simulated ATmega328P
# instead, drawn in the terminal the same way). Runs until Ctrl-C, or DEMO_SECONDS. Everything it starts is stopped
# and its temporary files removed, however it ends. DEMO_WIDTH and
# DEMO_SPEED (px/s) shape the display; the end-to-end test also sets
# DEMO_EVENTS, DEMO_DUMP and DEMO_LOG to keep what it checks.
#
#   sh tests/tools/demo.sh BUILD_DIR
set -u
build=${1:-build}
seconds=${DEMO_SECONDS:-}
width=${DEMO_WIDTH:-64}
speed=${DEMO_SPEED:-30}
tmp=$(mktemp -d /tmp/ledticker-demo-XXXXXX) || exit 1
server_pid=
tickerd_pid=

cleanup() {
    for pid in $tickerd_pid $server_pid; do
        kill "$pid" 2>/dev/null
    done
    for pid in $tickerd_pid $server_pid; do
        wait "$pid" 2>/dev/null
    done
    if [ -n "${DEMO_LOG:-}" ] && [ -f "$tmp/tickerd.log" ]; then
        cp "$tmp/tickerd.log" "$DEMO_LOG" # after tickerd has stopped: all of it
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'exit 129' HUP

"$build/tools/feed-server" --root tests/fixtures/demo --dir "$tmp" --ca-out "$tmp/ca.pem" \
    >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
port=
tries=0
while [ -z "$port" ] && [ $tries -lt 100 ]; do
    port=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$tmp/server.out" 2>/dev/null)
    [ -n "$port" ] || { sleep 0.1; tries=$((tries + 1)); }
done
if [ -z "$port" ]; then
    echo "demo: the feed server did not start:" >&2
    cat "$tmp/server.err" >&2
    exit 1
fi

cat >"$tmp/tickerd.conf" <<CONF
# Written by tests/tools/demo.sh for one demo run.
[display demo]
sim = $tmp/display
speed = $speed
brightness = 8

[feed wire]
url = https://127.0.0.1:$port/wire.rss
ca_file = $tmp/ca.pem
interval = 1m
priority = 10

[feed city]
url = https://127.0.0.1:$port/city.atom
ca_file = $tmp/ca.pem
interval = 1m

[feed world]
url = https://127.0.0.1:$port/world.json
ca_file = $tmp/ca.pem
interval = 1m

[feed rescue]
url = https://127.0.0.1:$port/article.txt
ca_file = $tmp/ca.pem
interval = 1m
CONF

"$build/tickerd" run -c "$tmp/tickerd.conf" --state-dir "$tmp/state" 2>"$tmp/tickerd.log" &
tickerd_pid=$!

if [ "${DISPLAY_KIND:-sim}" = avr ]; then
    modules=$((width / 8))
    elf="$build/firmware/avr-$modules/ledticker.elf"
    [ "$modules" -eq 4 ] && elf="$build/firmware/avr/ledticker.elf"
    set -- --pty --link "$tmp/display" --modules "$modules" --term
    [ -t 1 ] && set -- "$@" --colour
    [ -n "$seconds" ] && set -- "$@" --seconds "$seconds"
    "$build/tools/avr-harness" "$@" "$elf"
else
    set -- --pty --link "$tmp/display" --width "$width" --speed "$speed"
    [ -t 1 ] && set -- "$@" --colour
    [ -n "$seconds" ] && set -- "$@" --seconds "$seconds"
    [ -n "${DEMO_DUMP:-}" ] && set -- "$@" --headless --dump "$DEMO_DUMP"
    [ -n "${DEMO_EVENTS:-}" ] && set -- "$@" --events "$DEMO_EVENTS"
    "$build/ticker-sim" "$@"
fi
