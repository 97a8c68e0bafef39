#!/usr/bin/env bash
# Starts the IDE on a private Xvfb display, waits, and saves the display as a PNG.
# usage: ide-screenshot.sh OUT.png WAIT-SECONDS PRODUCT-DIR JAVA-COMMAND...
#
# Xvfb's -fbdir keeps the screen in a file in XWD format; XwdToPng.java converts it, so no
# screenshot tool is needed beyond Xvfb itself.
set -euo pipefail
out=$(realpath -m "$1"); wait_s=$2; product=$3; shift 3
scripts=$(cd "$(dirname "$0")" && pwd)
fb=$(mktemp -d)
xvfb=""
ide=""
stop() {  # TERM, then KILL after 10 s: a workbench that hangs in shutdown must not hang us
    local pid=$1 i
    kill "$pid" 2>/dev/null || return 0
    for i in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    [[ -z $ide ]] || stop "$ide"
    [[ -z $xvfb ]] || stop "$xvfb"
    rm -rf "$fb"
}
trap cleanup EXIT
# Start Xvfb on a free display and wait for its socket: on a busy machine Xvfb can take seconds
# to come up, and GTK fails at once ("gtk_init_check() failed") when the display is not there.
for attempt in 1 2 3 4 5; do
    display=:$(( 90 + RANDOM % 400 ))
    [[ -e /tmp/.X11-unix/X${display#:} ]] && continue
    Xvfb "$display" -screen 0 1280x800x24 -fbdir "$fb" -nolisten tcp 2>/dev/null &
    xvfb=$!
    for _ in $(seq 100); do
        [[ -S /tmp/.X11-unix/X${display#:} ]] && break 2
        kill -0 "$xvfb" 2>/dev/null || break
        sleep 0.2
    done
    stop "$xvfb"; xvfb=""
done
[[ -n $xvfb ]] || { echo "ide-screenshot: could not start Xvfb" >&2; exit 1; }
(cd "$product" && DISPLAY=$display exec "$@") > "$fb/ide.log" 2>&1 &
ide=$!
sleep "$wait_s"
if ! kill -0 "$ide" 2>/dev/null; then
    cat "$fb/ide.log" >&2
    echo "ide-screenshot: the IDE exited before the screenshot" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
"$JAVA_HOME/bin/java" "$scripts/XwdToPng.java" "$fb/Xvfb_screen0" "$out"
echo "ide-screenshot: saved $out"
