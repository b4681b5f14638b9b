#!/usr/bin/env bash
# capture-fixtures.sh: regenerates Fixtures/pcap/ from real keepalived and FRR vrrpd runs.
#
# Usage: sudo Scripts/capture-fixtures.sh [CASE...]
#        Scripts/capture-fixtures.sh --counts
#   With no CASE every capture is made. Cases: see the CASES list below (e.g. ka-v2-noauth).
#   Afterwards (and with --counts alone, which needs no root) the packet counts table between the
#   "counts:begin" and "counts:end" markers of README.md is recounted with tshark.
#   Environment: FIXTURES_OUT (default Fixtures/pcap of this repository), FIXTURES_PREFIX (namespace prefix,
#   default vrrpsw-fx-cap), LAB_VERBOSE=1, LAB_KEEP_DIR=1 (see Scripts/lab.sh).
#
# Every case runs in fresh namespaces (a bridge and one namespace per host, see Scripts/lab.sh) and captures
# on the bridge with tcpdump, so the files hold what a switch port mirror would see. The keepalived and FRR
# configuration of each case is written to configs/CASE/ beside the pcaps first and then used from there,
# so the committed configs are the ones the committed captures came from.
#
# Needs root, keepalived 2.2.7, FRR 8.4 (zebra, vrrpd), tcpdump, dumpcap, tshark, nft (Debian packages).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
OUT=${FIXTURES_OUT:-$REPO/Fixtures/pcap}
PREFIX=${FIXTURES_PREFIX:-vrrpsw-fx-cap}
# shellcheck source-path=SCRIPTDIR source=lab.sh
. "$HERE/lab.sh"

CASES=(
    ka-v2-noauth ka-v2-pass ka-v2-ah ka-v2-ah-handover ka-v2-three-vips
    ka-v2-ipv6 ka-v3-ipv4 ka-v3-ipv6 ka-v3-unicast ka-v3-unicast-old-checksum ka-v3-two-vrids ka-v3-10ms
    ka-failover-sigterm ka-failover-sigkill ka-two-masters
    frr-v3-ipv4 frr-v3-ipv6
)

MAX_FILE_BYTES=$((200 * 1024))

need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "capture-fixtures: needs $tool" >&2; exit 2; }
    done
}

# ---- configuration writers -------------------------------------------------------------------------------

# conf_path CASE FILE: where the configuration FILE of CASE lives (created on demand).
conf_path() {
    mkdir -p "$OUT/configs/$1"
    printf '%s/configs/%s/%s\n' "$OUT" "$1" "$2"
}

# ka_global ROUTER_ID: the global_defs block every keepalived config starts with.
ka_global() {
    cat <<EOF
# Written by Scripts/capture-fixtures.sh; used as is for the capture of the same name.
global_defs {
    router_id $1
    enable_script_security
    script_user root
    max_auto_priority -1
}
EOF
}

# ---- helpers ---------------------------------------------------------------------------------------------

# setup_lab HOST...: fresh namespaces: the bridge and hosts from a (192.0.2.1, 2001:db8::1), b, c.
setup_lab() {
    lab_init "$PREFIX"
    lab_bridge
    local host index
    for host in "$@"; do
        case $host in
            a) index=1 ;;
            b) index=2 ;;
            c) index=3 ;;
            *) echo "capture-fixtures: unknown host $host" >&2; return 1 ;;
        esac
        lab_host "$host" "192.0.2.$index/24" "2001:db8::$index/64"
    done
}

# capture_file CASE [EXT]: the final path of the capture of CASE.
capture_file() {
    printf '%s/%s.%s\n' "$OUT" "$1" "${2:-pcap}"
}

# expect FILE FILTER MIN MAX: fails unless the number of frames matching tshark FILTER is in [MIN, MAX].
expect() {
    local file=$1 filter=$2 min=$3 max=$4 n
    n=$(tshark -r "$file" -Y "$filter" 2>/dev/null | wc -l)
    if ((n < min || n > max)); then
        echo "capture-fixtures: ${file##*/}: $n frames match '$filter', expected $min..$max" >&2
        return 1
    fi
}

# finish FILE [bad-checksums]: checks a finished capture (size, at least one VRRP advert, every VRRP checksum
# good unless told otherwise) and reports it.
finish() {
    local file=$1 size adverts
    if [[ "${2:-}" != bad-checksums ]]; then expect "$file" "vrrp.checksum.status != 1" 0 0; fi
    [[ -s "$file" ]] || { echo "capture-fixtures: $file is empty" >&2; return 1; }
    size=$(stat -c %s "$file")
    if ((size > MAX_FILE_BYTES)); then
        echo "capture-fixtures: $file is $size bytes (> $MAX_FILE_BYTES)" >&2
        return 1
    fi
    adverts=$(tshark -r "$file" -Y 'vrrp' 2>/dev/null | wc -l)
    ((adverts > 0)) || { echo "capture-fixtures: no VRRP advertisement in $file" >&2; return 1; }
    printf '  %-44s %7d bytes, %4d adverts\n' "${file#"$OUT"/}" "$size" "$adverts"
}

# wait_master_ka HOST ADDRESS [TIMEOUT]: waits until keepalived in HOST holds ADDRESS.
wait_master_ka() {
    lab_wait_for "lab_has_address $1 $2" "${3:-8}"
}

# wait_master_frr HOST LINK [TIMEOUT]: waits until FRR in HOST cleared protodown on its macvlan LINK.
wait_master_frr() {
    lab_wait_for "ip -n $(lab_ns "$1") -d link show $2 | grep -q 'protodown off' || \
        ! ip -n $(lab_ns "$1") -d link show $2 | grep -q protodown" "${3:-8}"
}

# ---- the cases -------------------------------------------------------------------------------------------

# A single keepalived VRRPv2 master at 1 s, no authentication: startup as BACKUP, MASTER after
# Master_Down_Interval, gratuitous ARPs, then adverts.
case_ka_v2_noauth() {
    local name=ka-v2-noauth conf
    conf=$(conf_path $name a.conf)
    {
        ka_global a
        cat <<'EOF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    version 2
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
    } >"$conf"
    setup_lab a
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$conf"
    wait_master_ka a 192.0.2.100
    sleep 3.2
    lab_capture_stop
    lab_down
    finish "$(capture_file $name)"
}

# VRRPv2 with simple text authentication (auth_type PASS).
case_ka_v2_pass() {
    local name=ka-v2-pass conf
    conf=$(conf_path $name a.conf)
    {
        ka_global a
        cat <<'EOF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 120
    version 2
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass fixture1
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
    } >"$conf"
    setup_lab a
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$conf"
    wait_master_ka a 192.0.2.100
    sleep 3.2
    lab_capture_stop
    lab_down
    finish "$(capture_file $name)"
}

# VRRPv2 inside an IPsec AH header (auth_type AH; keepalived builds the AH header itself).
case_ka_v2_ah() {
    local name=ka-v2-ah conf
    conf=$(conf_path $name a.conf)
    {
        ka_global a
        cat <<'EOF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 53
    priority 100
    version 2
    advert_int 1
    authentication {
        auth_type AH
        auth_pass fixture2
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
    } >"$conf"
    setup_lab a
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$conf"
    wait_master_ka a 192.0.2.100
    sleep 3.2
    lab_capture_stop
    lab_down
    finish "$(capture_file $name)"
}

# auth_type AH across a master change: a (150) is master, b (100) backup; a gets SIGTERM (a priority-0 AH
# advert), b takes over and continues a's AH sequence numbers (keepalived's receive check keeps the last one seen).
case_ka_v2_ah_handover() {
    local name=ka-v2-ah-handover host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 53
    priority $prio
    version 2
    advert_int 1
    authentication {
        auth_type AH
        auth_pass fixture2
    }
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    wait_master_ka a 192.0.2.100
    lab_start_keepalived b "$(conf_path $name b.conf)"
    sleep 2.2
    lab_kill a TERM
    wait_master_ka b 192.0.2.100 5
    sleep 2.2
    lab_capture_stop
    lab_down
    expect "$(capture_file $name)" "ah && ip.src == 192.0.2.1 && vrrp.prio == 0" 1 1
    expect "$(capture_file $name)" "ah && ip.src == 192.0.2.2 && vrrp.prio == 100" 2 10
    finish "$(capture_file $name)"
}

# VRRPv2 with three virtual addresses in one advert.
case_ka_v2_three_vips() {
    local name=ka-v2-three-vips conf
    conf=$(conf_path $name a.conf)
    {
        ka_global a
        cat <<'EOF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 54
    priority 100
    version 2
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
        192.0.2.101/24
        192.0.2.102/24
    }
}
EOF
    } >"$conf"
    setup_lab a
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$conf"
    wait_master_ka a 192.0.2.102
    sleep 3.2
    lab_capture_stop
    lab_down
    finish "$(capture_file $name)"
}

# VRRPv3 over IPv4 at 1 s, master a and silent backup b. A second capture, with tcpdump -i any inside b
# (Linux cooked v2 link type), is made in the same run.
case_ka_v3_ipv4() {
    local name=ka-v3-ipv4 ca cb
    ca=$(conf_path $name a.conf)
    cb=$(conf_path $name b.conf)
    local host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $prio
    version 3
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_capture_start "$(capture_file ka-v3-ipv4-sll2)" b any -y LINUX_SLL2
    lab_start_keepalived a "$ca"
    lab_start_keepalived b "$cb"
    wait_master_ka a 192.0.2.100
    sleep 3.2
    lab_capture_stop
    lab_has_address b 192.0.2.100 && { echo "capture-fixtures: $name: b became master" >&2; return 1; }
    lab_down
    finish "$(capture_file $name)"
    finish "$(capture_file ka-v3-ipv4-sll2)"
}

# VRRPv3 over IPv6 at 1 s: adverts from the link-local address to ff02::12, unsolicited neighbour
# advertisements. A pcapng copy is captured with dumpcap in the same run.
# keepalived's own VRRPv2 over IPv6 (version 2, an IPv6 instance, no vrrp_strict): a (150) master, b (100)
# backup. See the README for what the adverts carry.
case_ka_v2_ipv6() {
    local name=ka-v2-ipv6 host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_6 {
    state BACKUP
    interface eth0
    virtual_router_id 62
    priority $prio
    version 2
    advert_int 1
    virtual_ipaddress {
        2001:db8::100/64
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 2001:db8::100
    sleep 3.2
    lab_capture_stop
    lab_has_address b 2001:db8::100 && { echo "capture-fixtures: $name: b became master" >&2; return 1; }
    lab_down
    finish "$(capture_file $name)" bad-checksums
}

case_ka_v3_ipv6() {
    local name=ka-v3-ipv6 host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_6 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority $prio
    version 3
    advert_int 1
    virtual_ipaddress {
        2001:db8::100/64
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_capture_start "$(capture_file $name pcapng)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 2001:db8::100
    sleep 3.2
    lab_capture_stop
    lab_has_address b 2001:db8::100 && { echo "capture-fixtures: $name: b became master" >&2; return 1; }
    lab_down
    finish "$(capture_file $name)"
    finish "$(capture_file $name pcapng)"
}

# ka_unicast_confs CASE EXTRA: a (150) and b (100) as VRRPv3 unicast peers at 100 ms; EXTRA goes into a.
ka_unicast_confs() {
    local name=$1 extra=$2 host prio src peer
    for host in a b; do
        if [[ $host == a ]]; then prio=150 src=192.0.2.1 peer=192.0.2.2; else prio=100 src=192.0.2.2 peer=192.0.2.1; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 71
    priority $prio
    version 3
    advert_int 0.1
    unicast_src_ip $src
    unicast_peer {
        $peer
    }
EOF
            if [[ $host == a && -n "$extra" ]]; then printf '    %s\n' "$extra"; fi
            cat <<EOF
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path "$name" "$host.conf")"
    done
}

# VRRPv3 unicast (unicast_src_ip / unicast_peer) at 100 ms: adverts to the peer's address, not 224.0.0.18.
case_ka_v3_unicast() {
    local name=ka-v3-unicast
    ka_unicast_confs $name ""
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.100
    sleep 1
    lab_capture_stop
    lab_has_address b 192.0.2.100 && { echo "capture-fixtures: $name: b became master" >&2; return 1; }
    lab_down
    finish "$(capture_file $name)"
}

# As ka-v3-unicast, but a uses old_unicast_checksum: its checksum is computed over a pseudo-header with
# 224.0.0.18 as destination although the packet goes to the unicast peer (keepalived <= 1.3.6 behaviour).
case_ka_v3_unicast_old_checksum() {
    local name=ka-v3-unicast-old-checksum
    ka_unicast_confs $name "old_unicast_checksum"
    setup_lab a b
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.100
    sleep 1
    lab_capture_stop
    lab_has_address b 192.0.2.100 && { echo "capture-fixtures: $name: b became master" >&2; return 1; }
    lab_down
    expect "$(capture_file $name)" "vrrp.checksum.status == 0" 5 100
    finish "$(capture_file $name)" bad-checksums
}

# Two VRIDs on one segment: a is master of 51 and backup of 52, b the other way round (VRRPv3, 100 ms).
# The capture holds the steady state (interleaved adverts of the two masters), not the start-up.
case_ka_v3_two_vrids() {
    local name=ka-v3-two-vrids host p51 p52
    for host in a b; do
        if [[ $host == a ]]; then p51=150 p52=100; else p51=100 p52=150; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_51 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $p51
    version 3
    advert_int 0.1
    virtual_ipaddress {
        192.0.2.151/24
    }
}
vrrp_instance VI_52 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority $p52
    version 3
    advert_int 0.1
    virtual_ipaddress {
        192.0.2.152/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.151
    wait_master_ka b 192.0.2.152
    # Start-up can make a master of 52 until b preempts it; capture the steady state only.
    lab_wait_for "! lab_has_address a 192.0.2.152" 5
    sleep 0.5
    lab_capture_start "$(capture_file $name)"
    sleep 1
    lab_capture_stop
    lab_down
    expect "$(capture_file $name)" "vrrp.virt_rtr_id == 51 && ip.src == 192.0.2.1 && vrrp.prio == 150" 5 20
    expect "$(capture_file $name)" "vrrp.virt_rtr_id == 52 && ip.src == 192.0.2.2 && vrrp.prio == 150" 5 20
    expect "$(capture_file $name)" "vrrp.prio == 100" 0 0
    finish "$(capture_file $name)"
}

# VRRPv3 at the smallest interval, 10 ms (Max Adver Int 1 centisecond).
case_ka_v3_10ms() {
    local name=ka-v3-10ms
    {
        ka_global a
        cat <<'EOF'
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 81
    priority 200
    version 3
    advert_int 0.01
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
    } >"$(conf_path $name a.conf)"
    setup_lab a
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    wait_master_ka a 192.0.2.100
    sleep 1
    lab_capture_stop
    lab_down
    finish "$(capture_file $name)"
}

# Graceful failover, VRRPv2 at 1 s: master a (150) gets SIGTERM and sends priority 0; b (100) takes over
# after Skew_Time and sends adverts and gratuitous ARPs. The capture starts once a is master.
case_ka_failover_sigterm() {
    local name=ka-failover-sigterm host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $prio
    version 2
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.100
    sleep 0.3
    lab_capture_start "$(capture_file $name)"
    sleep 2.2
    lab_kill a TERM
    wait_master_ka b 192.0.2.100 5
    sleep 3.2
    lab_capture_stop
    lab_down
    expect "$(capture_file $name)" "vrrp && ip.src == 192.0.2.1 && vrrp.prio == 0" 1 1
    expect "$(capture_file $name)" "vrrp && ip.src == 192.0.2.2 && vrrp.prio == 100" 2 10
    finish "$(capture_file $name)"
}

# Crash failover, VRRPv3 at 100 ms: both keepalived processes of master a get SIGKILL at once; b takes
# over after Master_Down_Interval. The capture starts once a is master.
case_ka_failover_sigkill() {
    local name=ka-failover-sigkill host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $prio
    version 3
    advert_int 0.1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    setup_lab a b
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.100
    sleep 0.3
    lab_capture_start "$(capture_file $name)"
    sleep 0.5
    lab_kill a KILL all
    wait_master_ka b 192.0.2.100 5
    sleep 0.5
    lab_capture_stop
    lab_down
    expect "$(capture_file $name)" "vrrp.prio == 0" 0 0
    expect "$(capture_file $name)" "vrrp && ip.src == 192.0.2.2" 3 20
    finish "$(capture_file $name)"
}

# Two masters for one VRID on purpose: a and b (VRRPv3, 100 ms) cannot hear each other because nftables in
# the bridge namespace drops VRRP between bridge ports; the capture on br0 still sees both.
case_ka_two_masters() {
    local name=ka-two-masters host prio
    for host in a b; do
        if [[ $host == a ]]; then prio=150; else prio=100; fi
        {
            ka_global "$host"
            cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $prio
    version 3
    advert_int 0.1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
EOF
        } >"$(conf_path $name "$host.conf")"
    done
    cat >"$(conf_path $name bridge.nft)" <<'EOF'
# Loaded into the bridge namespace: VRRP is not forwarded between ports, so neither node hears the other.
table bridge vrrp_partition {
    chain forward {
        type filter hook forward priority 0; policy accept;
        ip protocol 112 drop
    }
}
EOF
    setup_lab a b
    ip netns exec "$(lab_ns br)" nft -f "$(conf_path $name bridge.nft)"
    lab_capture_start "$(capture_file $name)"
    lab_start_keepalived a "$(conf_path $name a.conf)"
    lab_start_keepalived b "$(conf_path $name b.conf)"
    wait_master_ka a 192.0.2.100
    wait_master_ka b 192.0.2.100
    sleep 1
    lab_capture_stop
    lab_down
    expect "$(capture_file $name)" "vrrp && ip.src == 192.0.2.1 && vrrp.prio == 150" 5 40
    expect "$(capture_file $name)" "vrrp && ip.src == 192.0.2.2 && vrrp.prio == 100" 5 40
    finish "$(capture_file $name)"
}

# frr_case CASE FAMILY VIP: FRR vrrpd on a (VRRPv3, priority 150, 100 ms) becomes master alone; then
# keepalived on b (priority 100, 100 ms) joins as a backup peer and must stay backup (so it accepts FRR's
# adverts).
frr_case() {
    local name=$1 family=$2 vip=$3 keyword link
    if [[ $family == 4 ]]; then keyword=ip link=vrrp4-51; else keyword=ipv6 link=vrrp6-51; fi
    cat >"$(conf_path "$name" a-vrrpd.conf)" <<EOF
! Written by Scripts/capture-fixtures.sh; vrrpd configuration of host a.
hostname a
log stdout informational
interface eth0
 vrrp 51 version 3
 vrrp 51 priority 150
 vrrp 51 advertisement-interval 100
 vrrp 51 $keyword $vip
EOF
    local suffix=/24
    if [[ $family == 6 ]]; then suffix=/64; fi
    {
        ka_global b
        cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    version 3
    advert_int 0.1
    virtual_ipaddress {
        $vip$suffix
    }
}
EOF
    } >"$(conf_path "$name" b.conf)"
    setup_lab a b
    lab_capture_start "$(capture_file "$name")"
    lab_start_frr a "$(conf_path "$name" a-vrrpd.conf)"
    wait_master_frr a "$link"
    # keepalived starts once FRR is master, so that it hears FRR's adverts from its first moment.
    lab_start_keepalived b "$(conf_path "$name" b.conf)"
    sleep 1.5
    lab_capture_stop
    lab_has_address b "$vip" && { echo "capture-fixtures: $name: keepalived b became master" >&2; return 1; }
    lab_down
    expect "$(capture_file "$name")" "vrrp && vrrp.prio != 150" 0 0
    finish "$(capture_file "$name")"
}

case_frr_v3_ipv4() { frr_case frr-v3-ipv4 4 192.0.2.100; }
case_frr_v3_ipv6() { frr_case frr-v3-ipv6 6 2001:db8::100; }

# ---- the counts table of the README ------------------------------------------------------------------------

# count FILE FILTER: how many frames of FILE match the tshark display FILTER.
count() {
    tshark -r "$1" -Y "$2" 2>/dev/null | wc -l
}

# counts_table: a markdown table with the packet counts of every capture in OUT, counted by tshark. The same
# counts go to OUT/captures.tsv for tests (file, link_type, frames, vrrp, arp, na, checksum_good, checksum_bad).
counts_table() {
    local f tsv="$OUT/captures.tsv"
    printf 'file\tlink_type\tframes\tvrrp\tarp\tna\tchecksum_good\tchecksum_bad\n' >"$tsv"
    printf '%s\n' "| File | Link type | Frames | VRRP | ARP | NA | VRRP checksum good / bad \
| Adverts by sender (version, VRID, priority: count) |"
    echo "|---|---|---:|---:|---:|---:|---|---|"
    for f in "$OUT"/*.pcap "$OUT"/*.pcapng; do
        [[ -e "$f" ]] || continue
        local link frames vrrp arp na good bad senders
        link=$(capinfos -E -T "$f" 2>/dev/null | tail -n 1 | cut -f 2)
        frames=$(count "$f" "frame")
        vrrp=$(count "$f" "vrrp")
        arp=$(count "$f" "arp")
        na=$(count "$f" "icmpv6.type == 136")
        good=$(count "$f" "vrrp.checksum.status == 1")
        bad=$(count "$f" "vrrp.checksum.status == 0")
        senders=$(tshark -r "$f" -Y vrrp -T fields -E separator=' ' -e ip.src -e ipv6.src -e vrrp.version \
            -e vrrp.virt_rtr_id -e vrrp.prio 2>/dev/null | awk '{ key = $1 " v" $2 " VRID " $3 " prio " $4; n[key]++
                if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
                END { for (i = 1; i <= k; i++) printf "%s%s: %d", (i > 1 ? "; " : ""), order[i], n[order[i]] }')
        # shellcheck disable=SC2016 # the backquotes are Markdown
        printf '| `%s` | %s | %d | %d | %d | %d | %d / %d | %s |\n' "${f##*/}" "$link" "$frames" "$vrrp" "$arp" "$na" \
            "$good" "$bad" "$senders"
        printf '%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n' "${f##*/}" "$link" "$frames" "$vrrp" "$arp" "$na" "$good" "$bad" \
            >>"$tsv"
    done
}

# update_readme: replaces the generated counts section of OUT/README.md.
update_readme() {
    local readme="$OUT/README.md" table
    [[ -f "$readme" ]] || { echo "capture-fixtures: no $readme to update" >&2; return 0; }
    table=$(counts_table)
    awk -v table="$table" '
        /<!-- counts:begin -->/ { print; print table; skip = 1; next }
        /<!-- counts:end -->/ { skip = 0 }
        !skip { print }' "$readme" >"$readme.new"
    mv -- "$readme.new" "$readme"
    echo "updated the counts in $readme"
}

# ---- main ------------------------------------------------------------------------------------------------

main() {
    if [[ "${1:-}" == --counts ]]; then
        need tshark capinfos awk
        update_readme
        return 0
    fi
    need ip keepalived tcpdump dumpcap tshark capinfos nft awk
    [[ -x "$LAB_FRR_DIR/zebra" && -x "$LAB_FRR_DIR/vrrpd" ]] || { echo "capture-fixtures: needs FRR" >&2; exit 2; }
    local selected=("$@")
    if ((${#selected[@]} == 0)); then selected=("${CASES[@]}"); fi
    local c known
    for c in "${selected[@]}"; do
        known=0
        for k in "${CASES[@]}"; do if [[ $k == "$c" ]]; then known=1; fi; done
        ((known)) || { echo "capture-fixtures: unknown case $c (known: ${CASES[*]})" >&2; exit 2; }
    done
    mkdir -p "$OUT"
    for c in "${selected[@]}"; do
        echo "capture $c"
        rm -rf -- "$OUT/configs/$c"
        "case_${c//-/_}"
    done
    local total
    total=$(du -cb "$OUT"/*.pcap "$OUT"/*.pcapng 2>/dev/null | tail -n 1 | cut -f 1)
    echo "all captures: $total bytes"
    update_readme
}

main "$@"
