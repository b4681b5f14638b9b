#!/usr/bin/env bash
# use_vmac (keepalived's VMAC macvlans), judged from the kernel and the wire, with a third host c as the client
# whose neighbour entries are the point of a VMAC:
#   1. two vrrpctl nodes, IPv4 and IPv6 instances of VRID 51 with `use_vmac`: the macvlans vrrp.51
#      (00:00:5e:00:01:33) and vrrp6.51 (00:00:5e:00:02:33) exist on both, private mode, up; the VIPs live on them,
#      on the master only; keepalived's sysctls; adverts and gratuitous ARP / NA leave with the virtual MAC; c's
#      neighbour entries are the virtual MACs before and after a failover (SIGKILL of the master); a node started
#      over a killed run's macvlan reuses it and takes the stale VIP off; a VMAC deleted behind the master's back is
#      made again and its parent down means FAULT; SIGTERM deletes the macvlans and restores the parent's sysctls.
#   2. `vmac_xmit_base`: adverts leave with the parent's MAC, the VIPs and the gratuitous ARP / NA stay on the
#      VMACs; an instance whose macvlan the kernel refuses (on lo) sits in FAULT while the others run; unicast peers
#      imply vmac_xmit_base.
#   3. keepalived 2.2.7 with use_vmac as the peer, both roles, IPv4 and IPv6.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init vmac keepalived ping jq

VMAC4=00:00:5e:00:01:33
VMAC6=00:00:5e:00:02:33
VIP4=192.0.2.100
VIP6=2001:db8::100

# vm_dev HOST ADDRESS: the device that holds ADDRESS in HOST (empty when none).
vm_dev() {
    ip -n "$(lab_ns "$1")" -o addr show 2>/dev/null |
        awk -v a="$2" '{ split($4, p, "/"); if (p[1] == a) { sub(/@.*/, "", $2); print $2; exit } }'
}

# vm_holds_on HOST ADDRESS DEV: HOST holds ADDRESS, usable, on DEV.
vm_holds_on() {
    it_holds "$1" "$2" && [[ "$(vm_dev "$1" "$2")" == "$3" ]]
}

# vm_link HOST DEV FIELD: a field of `ip -j -d link show DEV` (jq path).
vm_link() {
    ip -n "$(lab_ns "$1")" -j -d link show dev "$2" 2>/dev/null | jq -r ".[0]$3 // empty"
}

# vm_ifindex HOST DEV: the interface index of DEV in HOST.
vm_ifindex() {
    vm_link "$1" "$2" .ifindex
}

# vm_check_vmac HOST DEV MAC: DEV is a private-mode macvlan on eth0 with MAC, administratively up.
vm_check_vmac() {
    local host=$1 dev=$2 mac=$3
    [[ -n "$(vm_ifindex "$host" "$dev")" ]] || it_fail "$host has no interface $dev"
    [[ "$(vm_link "$host" "$dev" .address)" == "$mac" ]] ||
        it_fail "$host: $dev has MAC $(vm_link "$host" "$dev" .address), not $mac"
    [[ "$(vm_link "$host" "$dev" .linkinfo.info_kind)" == macvlan ]] || it_fail "$host: $dev is not a macvlan"
    [[ "$(vm_link "$host" "$dev" .linkinfo.info_data.mode)" == private ]] ||
        it_fail "$host: $dev is in mode $(vm_link "$host" "$dev" .linkinfo.info_data.mode), not private"
    [[ "$(vm_link "$host" "$dev" .link)" == eth0 ]] || it_fail "$host: $dev does not sit on eth0"
    [[ "$(vm_link "$host" "$dev" '.flags | index("UP") != null')" == true ]] || it_fail "$host: $dev is not up"
}

# vm_sysctl HOST PATH: a sysctl of HOST (path under /proc/sys).
vm_sysctl() {
    ip netns exec "$(lab_ns "$1")" cat "/proc/sys/$2" 2>/dev/null
}

# vm_neighbour HOST ADDRESS: HOST pings ADDRESS once (bounded) and prints the MAC of its neighbour entry.
# HOST first pings a's and b's own addresses so that the routers know it: otherwise the master resolves HOST for its
# echo reply with an ARP request from eth0 that carries the VIP as sender address (arp_announce 0), which
# overwrites HOST's entry for the VIP with eth0's MAC. keepalived 2.2.7 does the same (seen in this lab): that is
# the hosts' arp_announce, not the VMAC.
vm_neighbour() {
    local host=$1 address=$2 flag=-4 peer
    if [[ $address == *:* ]]; then flag=-6; fi
    local peers=(192.0.2.1 192.0.2.2)
    if [[ $flag == -6 ]]; then peers=(2001:db8::1 2001:db8::2); fi
    for peer in "${peers[@]}"; do ip netns exec "$(lab_ns "$host")" ping "$flag" -n -c 1 -W 1 "$peer" >/dev/null 2>&1; done
    ip netns exec "$(lab_ns "$host")" ping "$flag" -n -c 1 -W 1 "$address" >/dev/null 2>&1 || return 1
    ip -n "$(lab_ns "$host")" -j neigh show "$address" 2>/dev/null | jq -r '.[0].lladdr // empty'
}

# vm_wire FILTER FIELDS...: tshark fields (|-separated) of the packets matching FILTER.
vm_wire() {
    local filter=$1
    shift
    local args=() field
    for field in "$@"; do args+=(-e "$field"); done
    tshark -r "$IT_PCAP" -Y "$filter" -T fields -E separator='|' "${args[@]}" 2>/dev/null
}

# vm_conf PRIO EXTRA [FAMILIES]: a configuration with an IPv4 instance (VI_4, FAMILIES 4 or 46) and an IPv6 instance
# (VI_6, FAMILIES 6 or 46), both VRID 51, both with the EXTRA lines.
vm_conf() {
    local prio=$1 extra=$2 families=${3:-46}
    if [[ $families == 6 ]]; then
        it_conf name=VI_6 prio="$prio" vips="$VIP6/64" extra="$extra"
        return
    fi
    it_conf name=VI_4 prio="$prio" vips="$VIP4/24" extra="$extra"
    if [[ $families == 46 ]]; then it_instance name=VI_6 prio="$prio" vips="$VIP6/64" extra="$extra"; fi
}

# vm_start IMPL HOST CONFIG: starts vrrpctl or keepalived in HOST.
vm_start() {
    case $1 in
        vrrpctl) it_vrrpctl "$2" "$3" ;;
        keepalived) it_keepalived "$2" "$3" ;;
    esac
}

# vm_failover LABEL MASTER-IMPL BACKUP-IMPL EXTRA FAMILIES: a (priority 150) and b (100) with EXTRA lines; checks the
# VMACs, the VIPs on a's VMACs only, c's neighbour entries, then SIGKILL of a and b's takeover.
vm_failover() {
    local label=$1 master=$2 backup=$3 extra=$4 families=$5
    local devs=(vrrp.51) vips=("$VIP4") macs=("$VMAC4") i
    if [[ $families == 46 ]]; then devs+=(vrrp6.51) vips+=("$VIP6") macs+=("$VMAC6"); fi
    if [[ $families == 6 ]]; then vips=("$VIP6") macs=("$VMAC6"); fi
    vm_start "$master" a "$(vm_conf 150 "$extra" "$families")"
    for i in "${!vips[@]}"; do
        it_wait "vm_holds_on a ${vips[i]} ${devs[i]}" 6 "$label: a ($master) did not put ${vips[i]} on ${devs[i]}"
    done
    vm_start "$backup" b "$(vm_conf 100 "$extra" "$families")"
    it_never "it_holds b ${vips[0]} || ! it_holds a ${vips[0]}" 1.5 "$label: b ($backup) took ${vips[0]} or a lost it"
    for i in "${!vips[@]}"; do
        vm_check_vmac a "${devs[i]}" "${macs[i]}"
        vm_check_vmac b "${devs[i]}" "${macs[i]}"
        it_check "! lab_has_address b ${vips[i]}" "$label: the backup b holds ${vips[i]}"
        local seen
        seen=$(vm_neighbour c "${vips[i]}") || it_fail "$label: c cannot reach ${vips[i]} on the master"
        [[ "$seen" == "${macs[i]}" ]] || it_fail "$label: c's neighbour entry for ${vips[i]} is $seen, not ${macs[i]}"
    done
    it_crash a
    for i in "${!vips[@]}"; do
        it_wait "vm_holds_on b ${vips[i]} ${devs[i]}" 3 "$label: b ($backup) did not take ${vips[i]} on ${devs[i]}"
        local after
        after=$(vm_neighbour c "${vips[i]}") || it_fail "$label: c cannot reach ${vips[i]} after the failover"
        [[ "$after" == "${macs[i]}" ]] ||
            it_fail "$label: after the failover c's neighbour entry for ${vips[i]} is $after, not ${macs[i]}"
    done
    it_alive b || it_fail "$label: $backup in b died"
}

# ---- 1. two vrrpctl nodes, IPv4 and IPv6 ----------------------------------------------------------------------
it_lab vmac a b c
it_capture
vm_failover "vrrpctl pair" vrrpctl vrrpctl "    use_vmac" 46

# keepalived's sysctls on the backup that took over (b) and on its parent.
for pair in vrrp.51/arp_ignore=1 vrrp.51/accept_local=1 vrrp.51/rp_filter=0 vrrp.51/promote_secondaries=1 \
    eth0/arp_ignore=1 eth0/arp_filter=1; do
    value=$(vm_sysctl b "net/ipv4/conf/${pair%%=*}")
    [[ "$value" == "${pair#*=}" ]] || it_fail "b: net.ipv4.conf.${pair%%=*} is $value, not ${pair#*=}"
done
[[ "$(vm_sysctl b net/ipv6/conf/vrrp.51/disable_ipv6)" == 1 ]] || it_fail "b: IPv6 is not disabled on vrrp.51"
[[ "$(vm_link b vrrp6.51 .inet6_addr_gen_mode)" == none ]] || it_fail "b: vrrp6.51 makes its own link-local"
ll_b=$(ip -n "$(lab_ns b)" -j addr show dev eth0 scope link | jq -r '.[0].addr_info[] | select(.family == "inet6") | .local')
ip -n "$(lab_ns b)" -o addr show dev vrrp6.51 | grep -q "inet6 $ll_b/64" ||
    it_fail "b: vrrp6.51 does not carry eth0's link-local address $ll_b"

# The master's VMAC deleted behind its back: made again (as keepalived does), the VIP back on it. Its parent down:
# FAULT, the VIPs leave; up again: master again.
old4=$(vm_ifindex b vrrp.51)
ip -n "$(lab_ns b)" link del vrrp.51
it_wait "vm_holds_on b $VIP4 vrrp.51 && [[ \$(vm_ifindex b vrrp.51) != $old4 ]]" 3 \
    "b did not make vrrp.51 again and put $VIP4 back after it was deleted"
vm_check_vmac b vrrp.51 "$VMAC4"
ip -n "$(lab_ns b)" link set eth0 down
it_wait "! lab_has_address b $VIP4 && ! lab_has_address b $VIP6" 2 "b kept its VIPs with its parent eth0 down"
ip -n "$(lab_ns b)" link set eth0 up
it_wait "vm_holds_on b $VIP4 vrrp.51 && vm_holds_on b $VIP6 vrrp6.51" 4 "b did not take its VIPs back once eth0 was up"
it_alive b || it_fail "vrrpctl in b died"

# a restarts over its killed run's macvlans (priority 50: it stays backup): reused, and the stale VIPs go.
index4=$(vm_ifindex a vrrp.51)
it_check "lab_has_address a $VIP4" "the killed a did not leave $VIP4 behind (nothing stale to test)"
it_vrrpctl a "$(vm_conf 50 "    use_vmac")"
it_wait "! lab_has_address a $VIP4 && ! lab_has_address a $VIP6" 2 "restarted a kept the stale VIPs of its killed run"
[[ "$(vm_ifindex a vrrp.51)" == "$index4" ]] || it_fail "restarted a did not reuse the killed run's vrrp.51"
vm_check_vmac a vrrp.51 "$VMAC4"
vm_check_vmac a vrrp6.51 "$VMAC6"
it_never "lab_has_address a $VIP4 || ! it_holds b $VIP4" 0.6 "after a's restart b lost $VIP4 or a took it"

# SIGTERM: the macvlans go and the parent's ARP sysctls come back.
kill -TERM "${IT_PID[a]}" "${IT_PID[b]}"
it_wait "! _lab_alive ${IT_PID[a]} && ! _lab_alive ${IT_PID[b]}" 4 "vrrpctl did not exit after SIGTERM"
for host in a b; do
    for dev in vrrp.51 vrrp6.51; do
        [[ -z "$(vm_ifindex "$host" "$dev")" ]] || it_fail "$host: $dev is still there after SIGTERM"
    done
done
[[ "$(vm_sysctl b net/ipv4/conf/eth0/arp_ignore)/$(vm_sysctl b net/ipv4/conf/eth0/arp_filter)" == 0/0 ]] ||
    it_fail "b: eth0 arp_ignore/arp_filter not restored after SIGTERM"
it_capture_stop

# The wire: every advert and announcement with the virtual MAC, from the parents' addresses.
n=$(vm_wire "vrrp && ip && eth.src != $VMAC4" eth.src | wc -l)
((n == 0)) || it_fail "vrrpctl pair: $n IPv4 adverts without the source MAC $VMAC4"
n=$(vm_wire "vrrp && ipv6 && eth.src != $VMAC6" eth.src | wc -l)
((n == 0)) || it_fail "vrrpctl pair: $n IPv6 adverts without the source MAC $VMAC6"
n=$(vm_wire "vrrp && ip" ip.src | sort -u | grep -cv '^192\.0\.2\.[12]$')
((n == 0)) || it_fail "vrrpctl pair: IPv4 adverts from an address other than the parents' primary"
n=$(vm_wire "vrrp && ipv6" ipv6.src | sort -u | grep -cv '^fe80::5eff:fe10:[12]$')
((n == 0)) || it_fail "vrrpctl pair: IPv6 adverts from an address other than the parents' link-local"
n=$(vm_wire "vrrp && ip" eth.src | wc -l)
((n > 20)) || it_fail "vrrpctl pair: only $n IPv4 adverts on the wire"
n=$(vm_wire "arp.src.proto_ipv4 == $VIP4 && arp.src.hw_mac != $VMAC4" eth.src | wc -l)
((n == 0)) || it_fail "vrrpctl pair: $n gratuitous ARPs for $VIP4 without the sender MAC $VMAC4"
n=$(vm_wire "arp.src.proto_ipv4 == $VIP4 && arp.src.hw_mac == $VMAC4 && eth.src == $VMAC4" eth.src | wc -l)
((n >= 2)) || it_fail "vrrpctl pair: $n gratuitous ARPs for $VIP4 from $VMAC4 (a's and b's expected)"
n=$(vm_wire "icmpv6.type == 136 && icmpv6.nd.na.target_address == $VIP6 && eth.src == $VMAC6" eth.src | wc -l)
((n >= 2)) || it_fail "vrrpctl pair: $n neighbour advertisements for $VIP6 from $VMAC6"
n=$(it_bad_checksums)
((n == 0)) || it_fail "vrrpctl pair: $n adverts with a bad checksum"
printf '  vrrpctl pair: VMACs vrrp.51 / vrrp6.51, c kept %s and %s through the failover\n' "$VMAC4" "$VMAC6"

# ---- 2. vmac_xmit_base; a macvlan the kernel refuses ------------------------------------------------------
it_lab vmacx a b c
it_capture
refused=$(it_instance name=VI_LO vrid=52 prio=150 vips=192.0.2.200/24 extra="    use_vmac")
refused=${refused//interface eth0/interface lo}
it_vrrpctl a "$(vm_conf 150 "    use_vmac\n    vmac_xmit_base")
$refused"
it_wait "vm_holds_on a $VIP4 vrrp.51 && vm_holds_on a $VIP6 vrrp6.51" 6 "xmit_base: a did not put its VIPs on its VMACs"
it_vrrpctl b "$(vm_conf 100 "    use_vmac\n    vmac_xmit_base")"
it_never "it_holds b $VIP4 || it_holds b $VIP6 || ! it_holds a $VIP4 || lab_has_address a 192.0.2.200" 1.2 \
    "xmit_base: b took a VIP, a lost one, or a put the VIP of its refused instance somewhere"
it_alive a || it_fail "xmit_base: vrrpctl in a died with an instance whose macvlan was refused"
for pair in "$VIP4=$VMAC4" "$VIP6=$VMAC6"; do
    [[ "$(vm_neighbour c "${pair%%=*}")" == "${pair#*=}" ]] ||
        it_fail "xmit_base: c's neighbour entry for ${pair%%=*} is not ${pair#*=}"
done
it_crash a
it_wait "vm_holds_on b $VIP4 vrrp.51 && vm_holds_on b $VIP6 vrrp6.51" 3 "xmit_base: b did not take the VIPs on its VMACs"
for pair in "$VIP4=$VMAC4" "$VIP6=$VMAC6"; do
    [[ "$(vm_neighbour c "${pair%%=*}")" == "${pair#*=}" ]] ||
        it_fail "xmit_base: after the failover c's neighbour entry for ${pair%%=*} is not ${pair#*=}"
done
it_capture_stop
mac_a=$(it_mac a)
mac_b=$(it_mac b)
n=$(vm_wire "vrrp && vrrp.virt_rtr_id == 51 && eth.src != $mac_a && eth.src != $mac_b" eth.src | wc -l)
((n == 0)) || it_fail "xmit_base: $n adverts not from the parents' MACs"
for family in ip ipv6; do
    n=$(vm_wire "vrrp && $family && vrrp.virt_rtr_id == 51 && eth.src == $mac_a" eth.src | wc -l)
    ((n > 5)) || it_fail "xmit_base: only $n $family adverts from a's eth0 MAC"
    n=$(vm_wire "vrrp && $family && vrrp.virt_rtr_id == 51 && eth.src == $mac_b" eth.src | wc -l)
    ((n >= 1)) || it_fail "xmit_base: no $family advert from b's eth0 MAC after the failover"
done
n=$(vm_wire "vrrp && vrrp.virt_rtr_id == 52" eth.src | wc -l)
((n == 0)) || it_fail "xmit_base: the instance whose macvlan was refused sent $n adverts"
n=$(vm_wire "arp.src.proto_ipv4 == $VIP4 && eth.src == $VMAC4 && arp.src.hw_mac == $VMAC4" eth.src | wc -l)
((n >= 2)) || it_fail "xmit_base: $n gratuitous ARPs for $VIP4 from the VMAC"
n=$(vm_wire "icmpv6.type == 136 && icmpv6.nd.na.target_address == $VIP6 && eth.src == $VMAC6" eth.src | wc -l)
((n >= 2)) || it_fail "xmit_base: $n neighbour advertisements for $VIP6 from $VMAC6"
n=$(it_bad_checksums)
((n == 0)) || it_fail "xmit_base: $n adverts with a bad checksum"
printf '  vmac_xmit_base: adverts from %s / %s, the VIPs and GARP/NA on %s / %s\n' "$mac_a" "$mac_b" "$VMAC4" "$VMAC6"

# Unicast peers imply vmac_xmit_base (keepalived 2.2.7 sets it): adverts to the peer from the parent's MAC, the VIP
# on the VMAC.
it_lab vmacu a b c
it_capture
it_vrrpctl a "$(it_conf name=VI_4 prio=150 src=192.0.2.1 peers=192.0.2.2 extra="    use_vmac")"
it_wait "vm_holds_on a $VIP4 vrrp.51" 6 "unicast: a did not put $VIP4 on vrrp.51"
it_vrrpctl b "$(it_conf name=VI_4 prio=100 src=192.0.2.2 peers=192.0.2.1 extra="    use_vmac")"
it_never "it_holds b $VIP4 || ! it_holds a $VIP4" 1 "unicast: b took $VIP4 or a lost it (b did not hear a)"
[[ "$(vm_neighbour c "$VIP4")" == "$VMAC4" ]] || it_fail "unicast: c's neighbour entry for $VIP4 is not $VMAC4"
it_capture_stop
n=$(vm_wire "vrrp && !(eth.src == $(it_mac a) && ip.dst == 192.0.2.2)" eth.src | wc -l)
((n == 0)) || it_fail "unicast: $n adverts not from a's eth0 MAC to b"
n=$(vm_wire "vrrp" eth.src | wc -l)
((n > 10)) || it_fail "unicast: only $n adverts on the wire"
printf '  unicast + use_vmac: adverts from %s to 192.0.2.2, the VIP on %s\n' "$(it_mac a)" "$VMAC4"

# ---- 3. keepalived as the peer, both roles --------------------------------------------------------------------
# One family at a time: keepalived's IPv6 VMAC answers ARP for IPv4 addresses (arp_ignore 0), so with both families
# c would resolve keepalived's IPv4 VIP to the IPv6 virtual MAC.
for run in "vrrpctl keepalived 4" "keepalived vrrpctl 4" "vrrpctl keepalived 6" "keepalived vrrpctl 6"; do
    read -r master backup family <<<"$run"
    label="IPv$family $master master, $backup backup"
    it_lab "vmk${master:0:1}$family" a b c
    it_capture
    vm_failover "$label" "$master" "$backup" "    use_vmac" "$family"
    it_capture_stop
    vmac=$VMAC4
    if [[ $family == 6 ]]; then vmac=$VMAC6; fi
    n=$(vm_wire "vrrp && eth.src != $vmac" eth.src | wc -l)
    ((n == 0)) || it_fail "$label: $n adverts without the source MAC $vmac"
    n=$(vm_wire "vrrp" eth.src | wc -l)
    ((n > 10)) || it_fail "$label: only $n adverts on the wire"
    n=$(it_bad_checksums)
    ((n == 0)) || it_fail "$label: $n adverts with a bad checksum"
    printf '  %s: VMAC failover, c kept %s\n' "$label" "$vmac"
done
it_pass
