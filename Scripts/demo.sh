#!/usr/bin/env bash
# The quick-start demo: a real failover in network namespaces.
#
# Three nodes (a, b, c) on one bridged segment each run `vrrpctl run` on the same embedded keepalived.conf
# (VRRPv3, VRID 51, VIP 192.0.2.100, adverts every 100 ms; priorities 150, 120, 100). Once a holds the VIP,
# a's node is killed with SIGKILL. The script judges the result from the kernel (who holds the VIP) and the wire
# (a capture on the bridge), prints the takeover time, and tears everything down, also on failure.
#
# Needs root. Installs missing Debian packages and builds vrrpctl first.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[[ $(id -u) -eq 0 ]] || { echo "demo: needs root (network namespaces, raw sockets)" >&2; exit 1; }
Scripts/install-deps.sh
echo "== building vrrpctl"
swift build --product vrrpctl 2>&1 | tail -n 1
vrrpctl="$(swift build --show-bin-path)/vrrpctl"

# shellcheck source=Scripts/lab.sh
. Scripts/lab.sh
lab_init vrrpsw-demo
lab_bridge
lab_host a 192.0.2.1/24
lab_host b 192.0.2.2/24
lab_host c 192.0.2.3/24

# The embedded default configuration; only the priority differs between the nodes.
config() {
    cat <<CONF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $1
    advert_int 0.1
    version 3
    virtual_ipaddress {
        192.0.2.100/24
    }
}
CONF
}

declare -A priority=([a]=150 [b]=120 [c]=100)
declare -A pid
lab_capture_start "$(lab_dir)/segment.pcap"
for host in a b c; do
    mkdir -p "$(lab_dir "$host")"
    config "${priority[$host]}" >"$(lab_dir "$host")/keepalived.conf"
    # Each node its own control socket in its lab directory: the namespaces share the file system, and the
    # host's /run/vrrpctl.sock belongs to whatever node runs there.
    ip netns exec "$(lab_ns "$host")" "$vrrpctl" run -f "$(lab_dir "$host")/keepalived.conf" \
        --control-socket "$(lab_dir "$host")/control.sock" >"$(lab_dir "$host")/vrrpctl.log" 2>&1 &
    pid[$host]=$!
    _lab_track_pid "${pid[$host]}"
done

echo "== election: waiting for a (priority 150) to hold 192.0.2.100"
lab_wait_for "lab_has_address a 192.0.2.100" 10
sleep 1
for host in b c; do
    if lab_has_address "$host" 192.0.2.100; then echo "demo: $host holds the VIP as well" >&2; exit 1; fi
done
echo "   a is master; b and c are backups"

echo "== killing a's node with SIGKILL"
kill -KILL "${pid[a]}"
lab_wait_for "lab_has_address b 192.0.2.100" 5
sleep 0.5
lab_capture_stop
if lab_has_address c 192.0.2.100; then echo "demo: c took the VIP too" >&2; exit 1; fi
echo "   b (priority 120) holds 192.0.2.100 now; c stays backup"

# From the wire: the last advert from a, the first from b at its own priority.
fields=$(tshark -r "$(lab_dir)/segment.pcap" -Y vrrp -T fields -e frame.time_epoch -e ip.src -e vrrp.prio 2>/dev/null)
last_a=$(awk '$2 == "192.0.2.1" { t = $1 } END { print t }' <<<"$fields")
first_b=$(awk -v after="$last_a" '$2 == "192.0.2.2" && $3 == 120 && $1 > after { print $1; exit }' <<<"$fields")
[[ -n "$last_a" && -n "$first_b" ]] || { echo "demo: the capture lacks the adverts" >&2; exit 1; }
# Master_Down_Interval for priority 120 at 100 ms: 3 × 100 ms + (256 − 120) × 100 ms / 256 = 353.125 ms.
awk -v a="$last_a" -v b="$first_b" 'BEGIN {
    took = (b - a) * 1000
    printf "== takeover: %.1f ms from the last advert of a to the first of b (Master_Down_Interval 353.1 ms)\n", took
}'
echo "== logs of b:"
sed 's/^/   /' "$(lab_dir b)/vrrpctl.log"
lab_down
echo "== done: namespaces removed"
