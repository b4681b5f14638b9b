#!/usr/bin/env bash
# A unicast vrrp_instance without `interface` (unicast_src_ip, one unicast_peer, a VIP without dev; v3, 100 ms):
#   1. keepalived 2.2.7 refuses it: `keepalived -t` exits non-zero and the daemon exits at once, with no VIP and
#      no advert on the wire (its issue #2270: "(VI_1) Unknown interface!"; fixed after 2.2.7).
#   2. keepalived 2.2.7 with `interface eth0` added (the form it accepts; keepalived 2.2.8+ without interface sends
#      through the interface that routes to the peer, eth0 here) and vrrpctl with the file as it is, each on a and
#      b: the master a holds 192.0.2.100/24 on eth0, its adverts go 192.0.2.1 -> 192.0.2.2 (TTL 255) from eth0's
#      MAC, it announces the VIP by gratuitous ARP, the backup b holds nothing and stays silent; each host's
#      static_ipaddress without dev is on its eth0 (keepalived's default interface). Both must agree.
#   3. default_interface lan0 (a's only interface renamed lan0): vrrpctl puts the VIP and the static address on
#      lan0 and advertises.
#   4. No default_interface and no eth0 in a: vrrpctl holds a in FAULT (no VIP, no advert from a) while b
#      (vrrpctl) is master; once a's lan0 is renamed eth0, a recovers and preempts (VIP on eth0, adverts from a).
# Judged from `ip -j addr` and the capture on the bridge.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init default-interface keepalived jq

# noif_conf SELF PEER PRIO [GLOBAL]: the file without interface for host SELF, with a static address 192.0.2.5SELF
# without dev (keepalived puts it on the default interface).
noif_conf() {
    it_conf prio="$3" src="192.0.2.$1" peers="192.0.2.$2" global="${4:-}" \
        scripts="static_ipaddress {\n    192.0.2.5$1/32\n}" | sed '/^    interface eth0$/d'
}

# with_eth0 TEXT: the same file with `interface eth0` back.
with_eth0() {
    # shellcheck disable=SC2001 # a line inserted after a match
    sed 's/^    state \(.*\)$/    state \1\n    interface eth0/' <<<"$1"
}

# vip HOST [ADDRESS]: where HOST holds ADDRESS (default 192.0.2.100) ("eth0/24"), or "none".
vip() {
    local where
    where=$(ip -n "$(lab_ns "$1")" -j addr | jq -r --arg a "${2:-192.0.2.100}" '.[] | .ifname as $i | .addr_info[]
        | select(.local == $a) | "\($i)/\(.prefixlen)"')
    printf '%s\n' "${where:-none}"
}

# sent HOST: the distinct "SRC>DST ttl N" of HOST's adverts (by its MAC), or "none".
sent() {
    local lines
    lines=$(tshark -r "$IT_PCAP" -Y "vrrp && eth.src == $(it_mac "$1")" -T fields -e ip.src -e ip.dst -e ip.ttl \
        2>/dev/null | sort -u | awk '{ printf "%s%s>%s ttl %s", (NR > 1 ? "," : ""), $1, $2, $3 }')
    printf '%s\n' "${lines:-none}"
}

# garps HOST: how many gratuitous ARPs for 192.0.2.100 HOST sent.
garps() {
    tshark -r "$IT_PCAP" -Y "arp && eth.src == $(it_mac "$1") && arp.src.proto_ipv4 == 192.0.2.100" 2>/dev/null |
        wc -l
}

# rename HOST FROM TO: renames HOST's interface (down, rename, up; its addresses stay).
rename() {
    local ns
    ns=$(lab_ns "$1")
    if ! { ip -n "$ns" link set "$2" down && ip -n "$ns" link set "$2" name "$3" && ip -n "$ns" link set "$3" up; }
    then
        it_fail "cannot rename $2 to $3 in $1"
    fi
}

declare -A seen

# pair_case SUFFIX IMPLEMENTATION: a (150) then b (100) with the file without interface (vrrpctl) or with
# `interface eth0` (keepalived); records what the kernel and the wire show.
pair_case() {
    local implementation=$2 conf_a conf_b
    it_lab "$1" a b
    it_capture
    conf_a=$(noif_conf 1 2 150)
    conf_b=$(noif_conf 2 1 100)
    if [[ "$implementation" == keepalived ]]; then
        it_keepalived a "$(with_eth0 "$conf_a")"
    else
        it_vrrpctl a "$conf_a"
    fi
    it_wait "it_holds a 192.0.2.100" 5 "$implementation in a did not take the VIP"
    if [[ "$implementation" == keepalived ]]; then
        it_keepalived b "$(with_eth0 "$conf_b")"
    else
        it_vrrpctl b "$conf_b"
    fi
    sleep 1.5
    it_alive b || it_fail "$implementation in b exited"
    local held_a held_b
    held_a="VIP $(vip a), static $(vip a 192.0.2.51)"
    held_b="VIP $(vip b), static $(vip b 192.0.2.52)"
    it_capture_stop
    seen[$implementation]="a: $held_a, adverts $(sent a), GARP $(($(garps a) > 0 ? 1 : 0)); b: $held_b"
    seen[$implementation]+=", adverts $(sent b)"
    printf '  %s: %s\n' "$implementation" "${seen[$implementation]}"
}

# 1. keepalived 2.2.7 and the file as it is.
it_lab ni-k a b
it_capture
file=$(noif_conf 1 2 150)
printf '%s\n' "$file" >"$(lab_dir)/noif.conf"
lab_exec a keepalived -t -f "$(lab_dir)/noif.conf" >/dev/null 2>&1
status=$?
((status != 0)) || it_fail "keepalived -t accepted an instance without interface (2.2.7 is known to refuse it)"
lab_start_keepalived a "$(lab_dir)/noif.conf" >/dev/null 2>&1 # it may exit before its pid file is seen
it_wait "_lab_no_live_pids $(lab_ns a)" 5 "keepalived 2.2.7 kept running on the file without interface"
sleep 0.5
[[ "$(vip a)" == none ]] || it_fail "keepalived 2.2.7 installed the VIP from a file it refuses"
lab_capture_stop
[[ "$(sent a)" == none ]] || it_fail "keepalived 2.2.7 advertised from a file it refuses: $(sent a)"
printf '  keepalived 2.2.7 without interface: -t exit %d, the daemon exits, no VIP, no advert\n' "$status"

# 2. The same pair under keepalived (interface eth0 added) and vrrpctl (the file as it is).
pair_case ni-kp keepalived
pair_case ni-vp vrrpctl
expected="a: VIP eth0/24, static eth0/32, adverts 192.0.2.1>192.0.2.2 ttl 255, GARP 1; "
expected+="b: VIP none, static eth0/32, adverts none"
[[ "${seen[vrrpctl]}" == "$expected" ]] ||
    it_fail "vrrpctl without interface: ${seen[vrrpctl]}"
[[ "${seen[vrrpctl]}" == "${seen[keepalived]}" ]] ||
    it_fail "vrrpctl without interface differs from keepalived 2.2.7 with interface eth0"

# 3 and 4. a's interface is lan0.
it_lab ni-d a b
rename a eth0 lan0
it_capture
it_vrrpctl a "$(noif_conf 1 2 150 '    default_interface lan0')"
it_wait "it_holds a 192.0.2.100" 5 "vrrpctl with default_interface lan0 did not take the VIP"
[[ "$(vip a)" == lan0/24 ]] || it_fail "default_interface lan0: the VIP is on $(vip a)"
[[ "$(vip a 192.0.2.51)" == lan0/32 ]] || it_fail "default_interface lan0: the static address is on $(vip a 192.0.2.51)"
it_crash a
it_capture_stop
[[ "$(sent a)" == "192.0.2.1>192.0.2.2 ttl 255" ]] || it_fail "default_interface lan0: adverts $(sent a)"
printf '  vrrpctl with default_interface lan0: VIP and static address on lan0, adverts %s\n' "$(sent a)"

lab_exec a ip addr del 192.0.2.100/24 dev lan0 2>/dev/null # SIGKILL leaves the VIP behind
lab_exec a ip addr del 192.0.2.51/32 dev lan0 2>/dev/null
it_capture
it_vrrpctl b "$(noif_conf 2 1 100)"
it_wait "it_holds b 192.0.2.100" 5 "b did not take the VIP"
it_vrrpctl a "$(noif_conf 1 2 150)"
it_never "it_holds a 192.0.2.100" 1.5 "a took the VIP without its default interface eth0"
it_check "it_holds b 192.0.2.100" "b lost the VIP while a had no eth0"
it_alive a || it_fail "vrrpctl in a exited without its default interface"
faulted_at=$(it_now)
rename a lan0 eth0
it_wait "it_holds a 192.0.2.100" 5 "a did not recover once eth0 appeared"
[[ "$(vip a)" == eth0/24 ]] || it_fail "after eth0 appeared the VIP is on $(vip a)"
it_wait "! it_holds b 192.0.2.100" 2 "b kept the VIP after a preempted"
sleep 0.3
it_capture_stop
early=$(it_adverts "eth.src == $(it_mac a) && frame.time_epoch < $faulted_at" | wc -l)
((early == 0)) || it_fail "a advertised $early times while its default interface was missing"
[[ "$(sent a)" == "192.0.2.1>192.0.2.2 ttl 255" ]] || it_fail "a recovered but advertises $(sent a)"
printf '  vrrpctl without eth0: FAULT (no VIP, no advert) while b is master; eth0 appears: VIP on eth0, adverts %s\n' \
    "$(sent a)"
it_pass
