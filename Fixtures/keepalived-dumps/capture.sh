#!/usr/bin/env bash
# capture.sh: regenerates the keepalived reference dumps in this directory (run as root; needs keepalived).
#
# Two hosts on a bridge (Scripts/lab.sh), each with a spare veth pair eth1/eth1p that VI_V6 tracks: a runs
# keepalived on a.conf (priority 150, becomes MASTER), b on b.conf (priority 100, stays BACKUP). Once a holds every
# VIP and counters have moved, each keepalived gets SIGUSR1 (DATA), SIGUSR2 (STATS) and keepalived --signum=JSON;
# the files are written into $TMPDIR, which keepalived honours, and copied here as HOST.data, HOST.stats and
# HOST.json.
#
# Usage: sudo Fixtures/keepalived-dumps/capture.sh [PREFIX]   (default prefix vrrpsw-du-cap)
#
# With CAPTURE_VRRPCTL=BINARY and CAPTURE_OUT=DIR, host b runs `BINARY run` on b.conf instead of keepalived (same
# signals, TMPDIR pointed at its own directory) and b's three files go to DIR instead of here: what the dump
# tests compare with b.data / b.stats / b.json. a's dumps are then not taken.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../../Scripts/lab.sh
. "$HERE/../../Scripts/lab.sh"
command -v keepalived >/dev/null || { echo "SKIP: keepalived is not installed"; exit 77; }
[[ $EUID -eq 0 ]] || { echo "SKIP: needs root"; exit 77; }

lab_init "${1:-vrrpsw-du-cap}"
lab_bridge
lab_host a 192.0.2.1/24 2001:db8::1/64
lab_host b 192.0.2.2/24 2001:db8::2/64
# eth1 in each host: the interface VI_V6 tracks (a veth pair inside the host, never touching the bridge).
for host in a b; do
    ip -n "$(lab_ns "$host")" link add eth1 type veth peer name eth1p
    ip -n "$(lab_ns "$host")" link set eth1p up
    ip -n "$(lab_ns "$host")" link set eth1 up
done
declare -A parent=()
hosts=(a b)
out=$HERE
for host in a b; do
    mkdir -p "$LAB_DIR/$host/tmp"
    if [[ $host == b && -n "${CAPTURE_VRRPCTL:-}" ]]; then
        hosts=(b)
        out=${CAPTURE_OUT:?CAPTURE_OUT must name a directory}
        TMPDIR="$LAB_DIR/b/tmp" ip netns exec "$(lab_ns b)" setsid "$CAPTURE_VRRPCTL" run -f "$HERE/b.conf" \
            --control-socket none >"$LAB_DIR/b/vrrpctl.log" 2>&1 &
        parent[b]=$!
        _lab_track_pid "${parent[b]}"
        continue
    fi
    TMPDIR="$LAB_DIR/$host/tmp" lab_start_keepalived "$host" "$HERE/$host.conf"
    parent[$host]=$LAB_LAST_PID
done
for vip in 192.0.2.100 192.0.2.101 2001:db8::100; do
    lab_wait_for "lab_has_address a $vip" 15
done
sleep 3   # a few adverts each way, so the counters are not all zero

for host in "${hosts[@]}"; do
    dir="$LAB_DIR/$host/tmp"
    for function in DATA STATS JSON; do
        kill -s "$(keepalived --signum=$function)" "${parent[$host]}"
    done
    lab_wait_for "[[ -s $dir/keepalived.data && -s $dir/keepalived.stats && -s $dir/keepalived.json ]]" 5
    sleep 0.2
    cp "$dir/keepalived.data" "$out/$host.data"
    cp "$dir/keepalived.stats" "$out/$host.stats"
    cp "$dir/keepalived.json" "$out/$host.json"
done
echo "captured into $out"
