# shellcheck shell=bash
# common.sh: what every integration scenario shares. Sourced by the scenario scripts next to it.
#
# A scenario script:
#
#     . "$(dirname "$0")/common.sh"
#     it_init ka-v3-ipv4 keepalived        # name (for messages) and the daemons it needs besides vrrpctl
#     it_lab io-ka3a a b                   # namespaces vrrpsw-io-ka3a-{br,a,b}; host a = 192.0.2.1, b = .2, c = .3
#     it_capture                           # tcpdump on the bridge into $(lab_dir)/wire.pcap
#     it_vrrpctl a "$(it_conf ...)"        # vrrpctl run in host a on that keepalived.conf text
#     ...
#     it_check "lab_has_address b 192.0.2.100" "b does not hold the VIP"
#     it_pass
#
# Contract: the binary under test comes from $VRRPCTL; nothing is built. A scenario is judged from the kernel
# (`ip addr`) and the wire (a capture on the bridge read with tshark), never from the daemons' logs. It exits 0 on
# pass; on failure it prints one line `FAIL: reason` followed by the tails of the lab's logs and exits 1; 77 means
# "cannot run here" (not root, a tool missing) and comes with `SKIP: reason`. Every wait is bounded, and the lab
# (namespaces, processes, files) is torn down by the EXIT trap, processes with SIGKILL so teardown stays fast.
#
# Environment: VRRPCTL (required), IT_VERBOSE=1 (say each step on stderr), LAB_KEEP_DIR=1 (keep the lab directory).

IT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IT_REPO=$(cd "$IT_DIR/../.." && pwd)
# shellcheck source=../../Scripts/lab.sh
. "$IT_REPO/Scripts/lab.sh"

IT_NAME=""
IT_PCAP=""
IT_STARTED_AT=0
# The pid and the implementation (vrrpctl, keepalived, frr) of the daemon started last in each host.
# shellcheck disable=SC2034
declare -gA IT_PID=()
# shellcheck disable=SC2034
declare -gA IT_KIND=()

# Namespace prefix of every lab this suite makes; scenario labs add their own part (IT_PREFIX overrides it).
IT_PREFIX=${IT_PREFIX:-vrrpsw-io}

it_say() {
    if [[ "${IT_VERBOSE:-0}" == 1 ]]; then printf '[%s %s] %s\n' "$IT_NAME" "$(date +%T.%3N)" "$*" >&2; fi
}

# it_skip REASON: the scenario cannot run on this machine (exit 77).
it_skip() {
    printf 'SKIP: %s\n' "$*"
    exit 77
}

# it_logs: the tails of every log of the current lab, for a failure report.
it_logs() {
    [[ -n "$LAB_DIR" && -d "$LAB_DIR" ]] || return 0
    local log
    while IFS= read -r log; do
        printf -- '--- %s (last 25 lines)\n' "${log#"$LAB_DIR"/}"
        tail -n 25 -- "$log"
    done < <(find "$LAB_DIR" -name '*.log' -size +0 | sort)
    if [[ -n "$IT_PCAP" && -s "$IT_PCAP" ]]; then
        printf -- '--- wire (last 30 VRRP packets: time host vrid prio)\n'
        it_adverts | tail -n 30
    fi
}

# it_fail REASON: fails the scenario with one line, then the logs; the EXIT trap tears the lab down.
it_fail() {
    trap - ERR
    printf 'FAIL: %s: %s\n' "$IT_NAME" "$*"
    it_logs
    exit 1
}

# it_check CONDITION REASON: fails with REASON unless CONDITION (a command string) succeeds now.
it_check() {
    eval "$1" >/dev/null 2>&1 || it_fail "$2"
}

# it_wait CONDITION TIMEOUT REASON: waits (bounded, 20 ms steps) for CONDITION; fails with REASON on timeout.
it_wait() {
    lab_wait_for "$1" "$2" 2>/dev/null || it_fail "$3 (waited ${2}s)"
}

# it_never CONDITION SECONDS REASON: samples CONDITION every 20 ms for SECONDS; fails with REASON if it ever holds.
it_never() {
    local deadline
    deadline=$(($(_lab_now_ms) + $(_lab_ms "$2")))
    while (($(_lab_now_ms) < deadline)); do
        if eval "$1" >/dev/null 2>&1; then it_fail "$3"; fi
        sleep 0.02
    done
}

# it_now: seconds since the epoch with microseconds (the same clock as the capture's timestamps).
it_now() {
    local ns
    ns=$(date +%s%N)
    printf '%d.%06d\n' $((ns / 1000000000)) $(((ns % 1000000000) / 1000))
}

_it_teardown() {
    local status=$?
    local ns pids
    # SIGKILL first: keepalived takes 2.5 s to leave after SIGTERM, and the lab is thrown away anyway.
    if [[ -n "$LAB_PREFIX" ]]; then _it_kill_all; fi
    lab_down >/dev/null 2>&1 || true
    exit "$status"
}

# it_init NAME [DAEMON...]: checks root, namespaces, $VRRPCTL, tshark and each DAEMON (keepalived, frr, python3,
# curl); skips (77) when one is missing.
it_init() {
    IT_NAME=${1:?usage: it_init NAME [DAEMON...]}
    shift
    IT_STARTED_AT=$(_lab_now_ms)
    [[ $EUID -eq 0 ]] || it_skip "needs root (network namespaces, raw sockets)"
    [[ -n "${VRRPCTL:-}" && -x "${VRRPCTL:-}" ]] || it_skip "VRRPCTL is not set to the vrrpctl binary"
    command -v ip >/dev/null && ip netns list >/dev/null 2>&1 || it_skip "ip netns is unavailable"
    command -v tcpdump >/dev/null || it_skip "needs tcpdump"
    command -v tshark >/dev/null || it_skip "needs tshark"
    local daemon
    for daemon in "$@"; do
        case $daemon in
            keepalived) command -v keepalived >/dev/null || it_skip "needs keepalived" ;;
            frr) [[ -x /usr/lib/frr/zebra && -x /usr/lib/frr/vrrpd ]] || it_skip "needs FRR (zebra, vrrpd)" ;;
            *) command -v "$daemon" >/dev/null || it_skip "needs $daemon" ;;
        esac
    done
}

# it_lab SUFFIX HOST...: a fresh lab vrrpsw-io-SUFFIX with a bridge and hosts a (192.0.2.1, 2001:db8::1),
# b (.2, ::2), c (.3, ::3). Replaces the EXIT trap with a faster teardown. A second it_lab ends the first lab.
it_lab() {
    local suffix=${1:?usage: it_lab SUFFIX HOST...}
    shift
    if [[ -n "$LAB_PREFIX" ]]; then _it_kill_all; lab_down >/dev/null 2>&1; fi
    IT_PID=()
    IT_KIND=()
    IT_PCAP=""
    lab_init "$IT_PREFIX-$suffix" || it_fail "lab_init failed"
    trap '_it_teardown' EXIT
    trap '_it_teardown; trap - INT; kill -INT $$' INT
    trap '_it_teardown; trap - TERM; kill -TERM $$' TERM
    lab_bridge || it_fail "cannot create the bridge namespace"
    local host index
    for host in "$@"; do
        index=$(it_index "$host")
        lab_host "$host" "192.0.2.$index/24" "2001:db8::$index/64" || it_fail "cannot create host $host"
    done
}

_it_kill_all() {
    local ns pids
    # The hosts only: the capture in the bridge namespace is stopped by lab_down so its file is complete.
    for ns in $(_lab_prefix_namespaces "$LAB_PREFIX"); do
        [[ "$ns" != "$LAB_PREFIX-br" ]] || continue
        pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
        # shellcheck disable=SC2086
        if [[ -n "${pids// /}" ]]; then kill -KILL $pids 2>/dev/null || true; fi
    done
}

# it_index HOST: the host number of a, b, c (address 192.0.2.N, MAC 02:00:5e:10:00:0N).
it_index() {
    case $1 in
        a) echo 1 ;;
        b) echo 2 ;;
        c) echo 3 ;;
        *) it_fail "unknown host $1" ;;
    esac
}

# it_mac HOST: the MAC of HOST's eth0 (lab.sh numbers hosts in creation order; it_lab creates a, b, c in order).
it_mac() {
    local position=0 host
    for host in "${LAB_HOSTS[@]}"; do
        position=$((position + 1))
        if [[ $host == "$1" ]]; then printf '02:00:5e:10:00:%02x\n' "$position"; return; fi
    done
    it_fail "no host $1 in this lab"
}

# it_capture: starts tcpdump on the bridge; IT_PCAP names the file.
it_capture() {
    IT_PCAP="$(lab_dir)/wire.pcap"
    lab_capture_start "$IT_PCAP" >/dev/null 2>&1 || it_fail "cannot start the capture on the bridge"
}

# it_capture_stop: stops the capture so the file is complete.
it_capture_stop() {
    lab_capture_stop
    [[ -s "$IT_PCAP" ]] || it_fail "the capture is empty"
}

# ---- configurations --------------------------------------------------------------------------------------

# it_conf [key=value...]: a keepalived.conf with one vrrp_instance (both vrrpctl and keepalived read it).
# Keys: name (VI_1), vrid (51), prio (100), state (BACKUP), version (3), int (0.1), vips (192.0.2.100/24, comma
# separated), auth (password), authtype (PASS or AH, with auth), preempt (yes|no), preempt_delay,
# src (unicast_src_ip), peers (comma separated unicast peers), track (a track_script body line, e.g.
# "chk weight -60"), extra (raw lines for the instance).
# Global keys: scripts (raw vrrp_script blocks), global (raw global_defs lines),
# security (yes: enable_script_security).
it_conf() {
    local -A k=([name]=VI_1 [vrid]=51 [prio]=100 [state]=BACKUP [version]=3 [int]=0.1 [vips]=192.0.2.100/24
        [auth]="" [preempt]=yes [preempt_delay]="" [src]="" [peers]="" [track]="" [extra]="" [scripts]=""
        [global]="" [security]=yes)
    local pair
    for pair in "$@"; do k[${pair%%=*}]=${pair#*=}; done
    printf 'global_defs {\n    router_id it\n    script_user root\n'
    if [[ "${k[security]}" == yes ]]; then printf '    enable_script_security\n'; fi
    if [[ -n "${k[global]}" ]]; then printf '%b\n' "${k[global]}"; fi
    printf '}\n'
    if [[ -n "${k[scripts]}" ]]; then printf '%b\n' "${k[scripts]}"; fi
    it_instance "$@"
}

# it_instance [key=value...]: the vrrp_instance block alone (keys as it_conf).
it_instance() {
    local -A k=([name]=VI_1 [vrid]=51 [prio]=100 [state]=BACKUP [version]=3 [int]=0.1 [vips]=192.0.2.100/24
        [auth]="" [authtype]=PASS [preempt]=yes [preempt_delay]="" [src]="" [peers]="" [track]="" [extra]="")
    local pair
    for pair in "$@"; do k[${pair%%=*}]=${pair#*=}; done
    printf 'vrrp_instance %s {\n' "${k[name]}"
    printf '    state %s\n    interface eth0\n    virtual_router_id %s\n    priority %s\n' \
        "${k[state]}" "${k[vrid]}" "${k[prio]}"
    printf '    version %s\n    advert_int %s\n' "${k[version]}" "${k[int]}"
    if [[ "${k[preempt]}" == no ]]; then printf '    nopreempt\n'; fi
    if [[ -n "${k[preempt_delay]}" ]]; then printf '    preempt_delay %s\n' "${k[preempt_delay]}"; fi
    if [[ -n "${k[auth]}" ]]; then
        printf '    authentication {\n        auth_type %s\n        auth_pass %s\n    }\n' "${k[authtype]}" "${k[auth]}"
    fi
    if [[ -n "${k[src]}" ]]; then printf '    unicast_src_ip %s\n' "${k[src]}"; fi
    if [[ -n "${k[peers]}" ]]; then
        printf '    unicast_peer {\n'
        local peer
        for peer in ${k[peers]//,/ }; do printf '        %s\n' "$peer"; done
        printf '    }\n'
    fi
    if [[ -n "${k[track]}" ]]; then printf '    track_script {\n        %s\n    }\n' "${k[track]}"; fi
    if [[ -n "${k[extra]}" ]]; then printf '%b\n' "${k[extra]}"; fi
    printf '    virtual_ipaddress {\n'
    local vip
    for vip in ${k[vips]//,/ }; do printf '        %s\n' "$vip"; done
    printf '    }\n}\n'
}

# ---- daemons ---------------------------------------------------------------------------------------------

# it_vrrpctl HOST CONFIG-TEXT: starts `vrrpctl run -l -D` in HOST on that configuration; IT_PID[HOST] is its pid.
it_vrrpctl() {
    local host=$1 dir
    dir=$(lab_dir "$host")
    mkdir -p "$dir"
    printf '%s\n' "$2" >"$dir/keepalived.conf"
    it_say "vrrpctl starts in $host"
    ip netns exec "$(lab_ns "$host")" "$VRRPCTL" run -l -D -f "$dir/keepalived.conf" >>"$dir/vrrpctl.log" 2>&1 &
    IT_PID[$host]=$!
    IT_KIND[$host]=vrrpctl
    _lab_track_pid "${IT_PID[$host]}"
    sleep 0.05
    _lab_alive "${IT_PID[$host]}" || it_fail "vrrpctl in $host exited at once"
}

# it_keepalived HOST CONFIG-TEXT: starts keepalived (VRRP only) in HOST; IT_PID[HOST] is the parent's pid.
it_keepalived() {
    local host=$1 file
    file="$(lab_dir)/$host.keepalived.conf"
    printf '%s\n' "$2" >"$file"
    it_say "keepalived starts in $host"
    lab_start_keepalived "$host" "$file" >/dev/null 2>&1 || it_fail "keepalived did not start in $host"
    IT_PID[$host]=$LAB_LAST_PID
    IT_KIND[$host]=keepalived
}

# it_frr HOST VRRPD-SNIPPET: starts zebra and vrrpd in HOST (macvlans made by lab_start_frr).
it_frr() {
    local host=$1
    it_say "FRR starts in $host"
    lab_start_frr "$host" "$2" >/dev/null 2>&1 || it_fail "FRR did not start in $host"
    IT_PID[$host]=$LAB_LAST_PID
    IT_KIND[$host]=frr
    IT_FRR_HOST=$host
}

# it_crash HOST: SIGKILL to every process in HOST's namespace at once (node loss; keepalived's two processes).
# They are stopped (SIGSTOP) first: keepalived's VRRP child asks for SIGTERM when its parent dies and would send
# a priority-0 advert in the moment between the two kills.
it_crash() {
    it_say "SIGKILL to everything in $1"
    lab_kill "$1" STOP all 2>/dev/null || it_fail "nothing to kill in $1"
    lab_kill "$1" KILL all 2>/dev/null || it_fail "nothing to kill in $1"
    lab_wait_gone "$1" 3 2>/dev/null || it_fail "processes in $1 survived SIGKILL"
}

# it_alive HOST: the daemon started last in HOST is running.
it_alive() {
    _lab_alive "${IT_PID[$1]}"
}

# ---- the kernel ------------------------------------------------------------------------------------------

# it_holds HOST VIP: HOST holds VIP as a usable address: on an interface that is up and, for FRR's macvlan, not
# in protodown (FRR keeps the VIP on the macvlan and signals backup with protodown).
it_holds() {
    local ns line dev
    ns=$(lab_ns "$1")
    line=$(ip -n "$ns" -o addr show 2>/dev/null | awk -v a="$2" '{ split($4, p, "/"); if (p[1] == a) print $2 }' |
        head -n 1)
    [[ -n "$line" ]] || return 1
    dev=${line%%@*}
    local link
    link=$(ip -n "$ns" -d link show dev "$dev" 2>/dev/null) || return 1
    [[ "$link" == *"state UP"* || "$link" == *",UP,"* || "$link" == *"<UP,"* ]] || return 1
    [[ "$link" != *"protodown on"* ]]
}

# ---- the wire --------------------------------------------------------------------------------------------

# it_adverts [DISPLAY-FILTER]: the VRRP adverts of the capture, one a line: "EPOCH HOST VRID PRIO VERSION DST
# AUTH", HOST being a/b/c from the source MAC (a virtual MAC 00:00:5e:00:0x:.. counts as the FRR host).
it_adverts() {
    local filter="vrrp"
    if [[ -n "${1:-}" ]]; then filter="vrrp && ($1)"; fi
    tshark -r "$IT_PCAP" -Y "$filter" -T fields -E separator='|' -e frame.time_epoch -e eth.src \
        -e vrrp.virt_rtr_id -e vrrp.prio -e vrrp.version -e ip.dst -e ipv6.dst -e vrrp.auth_string 2>/dev/null |
        awk -F'|' -v macs="$(_it_mac_map)" -v frr="${IT_FRR_HOST:-?}" '
            BEGIN { n = split(macs, m, " "); for (i = 1; i <= n; i += 2) host[m[i]] = m[i + 1] }
            {
                h = ($2 in host) ? host[$2] : (($2 ~ /^00:00:5e:00:0[12]:/) ? frr : "?")
                dst = ($6 != "") ? $6 : $7
                auth = ($8 != "") ? $8 : "-"
                printf "%s %s %s %s %s %s %s\n", $1, h, $3, $4, $5, dst, auth
            }'
}

_it_mac_map() {
    local host
    for host in "${LAB_HOSTS[@]}"; do printf '%s %s ' "$(it_mac "$host")" "$host"; done
}

# it_bad_checksums: the number of VRRP packets whose checksum tshark finds wrong.
it_bad_checksums() {
    tshark -r "$IT_PCAP" -Y 'vrrp.checksum.status == 0' 2>/dev/null | wc -l
}

# it_count ADVERTS-TEXT AWK-CONDITION: how many advert lines satisfy the condition ($1 time, $2 host, $3 vrid,
# $4 prio, $5 version, $6 destination, $7 auth).
it_count() {
    awk "$2 { n++ } END { print n + 0 }" <<<"$1"
}

# it_first ADVERTS-TEXT AWK-CONDITION: the time of the first advert satisfying the condition (empty if none).
it_first() {
    awk "$2 { print \$1; exit }" <<<"$1"
}

# it_last ADVERTS-TEXT AWK-CONDITION: the time of the last advert satisfying the condition (empty if none).
it_last() {
    awk "$2 { t = \$1 } END { print t }" <<<"$1"
}

# it_ms T1 T2: (T2 − T1) in milliseconds with one decimal.
it_ms() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}

# it_between VALUE LOW HIGH: LOW <= VALUE <= HIGH (decimals allowed).
it_between() {
    awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'
}

# it_mdi VERSION INTERVAL PRIORITY: Master_Down_Interval in milliseconds (RFC 3768 §6.1 / RFC 5798 §6.1).
it_mdi() {
    awk -v v="$1" -v i="$2" -v p="$3" 'BEGIN {
        skew = (v == 2) ? (256 - p) / 256 : (256 - p) * i / 256
        printf "%.3f\n", (3 * i + skew) * 1000
    }'
}

# it_skew VERSION INTERVAL PRIORITY: Skew_Time in milliseconds.
it_skew() {
    awk -v v="$1" -v i="$2" -v p="$3" 'BEGIN {
        printf "%.3f\n", ((v == 2) ? (256 - p) / 256 : (256 - p) * i / 256) * 1000
    }'
}

# it_pass: reports success with the scenario's running time.
it_pass() {
    local ms=$(($(_lab_now_ms) - IT_STARTED_AT))
    printf 'PASS: %s (%d.%d s)\n' "$IT_NAME" $((ms / 1000)) $((ms % 1000 / 100))
    exit 0
}

# it_frr_conf VRID PRIORITY INTERVAL-MS VIP [VERSION]: a vrrpd snippet (version 3 unless VERSION says 2; IPv4 or
# IPv6 from the VIP's form).
it_frr_conf() {
    local family=ip version=${5:-3}
    if [[ "$4" == *:* ]]; then family=ipv6; fi
    printf 'interface eth0\n vrrp %s version %s\n vrrp %s priority %s\n vrrp %s advertisement-interval %s\n' \
        "$1" "$version" "$1" "$2" "$1" "$3"
    printf ' vrrp %s %s %s\n' "$1" "$family" "$4"
}

# it_start IMPL HOST key=value...: starts IMPL (vrrpctl, keepalived or frr) in HOST on an instance built from the
# keys (those of it_conf; for frr only vrid, prio, int, version and the first VIP count).
it_start() {
    local impl=$1 host=$2
    shift 2
    case $impl in
        vrrpctl) it_vrrpctl "$host" "$(it_conf "$@")" ;;
        keepalived) it_keepalived "$host" "$(it_conf "$@")" ;;
        frr)
            local -A k=([vrid]=51 [prio]=100 [int]=0.1 [version]=3 [vips]=192.0.2.100/24)
            local pair
            for pair in "$@"; do k[${pair%%=*}]=${pair#*=}; done
            local vip=${k[vips]%%,*}
            rm -f -- "$(lab_dir "$host")"/frr/*.pid "$(lab_dir "$host")/frr/zserv.api"
            local ms
            ms=$(awk -v s="${k[int]}" 'BEGIN { print s * 1000 }')
            it_frr "$host" "$(it_frr_conf "${k[vrid]}" "${k[prio]}" "$ms" "${vip%/*}" "${k[version]}")"
            ;;
        *) it_fail "unknown implementation $impl" ;;
    esac
}

# it_pair key=value...: the pairing test of two implementations on one segment, judged from kernel and wire.
#   a runs `master` (priority 150), b runs `backup` (priority 100); each in one lab named $IT_PREFIX-`lab`.
#   1. a starts alone and takes the VIP; b starts; for `observe` seconds b never holds the VIP and sends no advert
#      while a keeps it and advertises at the nominal interval (b accepts a's adverts).
#   2. SIGKILL to a's namespace: b holds the VIP, and its first advert follows a's last one after its
#      Master_Down_Interval (at most `early` ms earlier, at most `bound` ms later).
#   3. a restarts and preempts: a holds the VIP again, b releases it and stops advertising.
#   4. SIGTERM to a (graceful stop): a sends priority 0 and falls silent, b's first advert follows a's priority-0
#      advert after its Skew_Time (at most `early` ms earlier, `stop_bound` ms later) and b holds the VIP; a vrrpctl or
#      keepalived in a also removes the VIP (vrrpctl within 1 s of the signal, as a process).
#   Every advert has the expected version, destination (the group, or for unicast the peer's address of the
#   VIP's family), password and a good checksum.
# Keys: lab, master, backup, version (3), int (0.1), vip (192.0.2.100; an IPv6 VIP makes the pair IPv6), prefix
#   (24), unicast (no|yes), pass (password, v2 only), authtype (PASS or AH, with pass), observe (seconds, 1.5;
#   more than b's Master_Down_Interval, or a b that ignores a's adverts goes unnoticed), bound (ms after
#   Master_Down_Interval, 120), back (yes: run step 3), stop (yes: run step 4, which needs step 3), stop_bound (ms after Skew_Time, 60),
#   early (ms before Master_Down_Interval or Skew_Time that still pass, 5).
it_pair() {
    local -A o=([lab]="" [master]=vrrpctl [backup]=keepalived [version]=3 [int]=0.1 [vip]=192.0.2.100
        [prefix]=24 [unicast]=no [pass]="" [authtype]=PASS [observe]=1.5 [bound]=120 [back]=yes [stop]=no [stop_bound]=60 [early]=5)
    local pair
    for pair in "$@"; do o[${pair%%=*}]=${pair#*=}; done
    local vip=${o[vip]} int=${o[int]} version=${o[version]}
    if [[ ${o[stop]} == yes && ${o[back]} != yes ]]; then it_fail "it_pair: stop=yes needs back=yes"; fi
    local common=("version=$version" "int=$int" "vips=$vip/${o[prefix]}")
    if [[ -n "${o[pass]}" ]]; then common+=("auth=${o[pass]}" "authtype=${o[authtype]}"); fi
    local a_addr=192.0.2.1 b_addr=192.0.2.2 group=224.0.0.18
    if [[ $vip == *:* ]]; then a_addr=2001:db8::1 b_addr=2001:db8::2 group=ff02::12; fi
    local a_extra=() b_extra=()
    if [[ ${o[unicast]} == yes ]]; then
        a_extra=("src=$a_addr" "peers=$b_addr")
        b_extra=("src=$b_addr" "peers=$a_addr")
    fi
    local role="${o[master]} master, ${o[backup]} backup"
    local startup_wait=6 mdi_b skew_b
    if [[ $version == 2 ]]; then startup_wait=10; fi
    mdi_b=$(it_mdi "$version" "$int" 100)
    skew_b=$(it_skew "$version" "$int" 100)
    if ! awk -v o="${o[observe]}" -v m="$mdi_b" 'BEGIN { exit !(o * 1000 > m + 100) }'; then
        it_fail "it_pair: observe=${o[observe]} s is not longer than b's Master_Down_Interval ($mdi_b ms)"
    fi

    it_lab "${o[lab]}" a b
    it_capture

    # 1. a is master; b joins and stays backup.
    it_start "${o[master]}" a prio=150 "${common[@]}" "${a_extra[@]}"
    it_wait "it_holds a $vip" "$startup_wait" "$role: a (${o[master]}, priority 150) never took $vip"
    local t_b_start
    t_b_start=$(it_now)
    it_start "${o[backup]}" b prio=100 "${common[@]}" "${b_extra[@]}"
    it_never "it_holds b $vip || ! it_holds a $vip" "${o[observe]}" \
        "$role: b (${o[backup]}) took $vip or a lost it while a advertised priority 150"
    it_alive b || it_fail "$role: ${o[backup]} in b died"
    it_alive a || it_fail "$role: ${o[master]} in a died"

    # 2. node loss of a.
    local t_crash
    t_crash=$(it_now)
    it_crash a
    it_wait "it_holds b $vip" "$(awk -v m="$mdi_b" 'BEGIN { print m / 1000 + 2 }')" \
        "$role: b (${o[backup]}) did not take $vip after a was killed"
    # b advertises as master for a while (at least two adverts) before a comes back.
    sleep "$(awk -v i="$int" 'BEGIN { print (i * 3 < 0.5) ? 0.5 : i * 1.5 }')"

    # 3. a comes back and preempts.
    local t_a_restart
    t_a_restart=$(it_now)
    if [[ ${o[back]} == yes ]]; then
        it_start "${o[master]}" a prio=150 "${common[@]}" "${a_extra[@]}"
        it_wait "it_holds a $vip && ! it_holds b $vip" "$startup_wait" \
            "$role: restarted a (${o[master]}) did not take $vip back from b"
        sleep "$(awk -v i="$int" 'BEGIN { print (i * 4 < 0.4) ? 0.4 : i * 2 }')"
        it_check "it_holds a $vip && ! it_holds b $vip" "$role: after preemption b holds $vip again or a lost it"
    fi

    # 4. graceful stop of a.
    local t_term=""
    if [[ ${o[stop]} == yes ]]; then
        t_term=$(it_now)
        it_say "SIGTERM to ${o[master]} in a"
        kill -TERM "${IT_PID[a]}" 2>/dev/null || it_fail "$role: cannot send SIGTERM to ${o[master]} in a"
        it_wait "it_holds b $vip" "$(awk -v s="$skew_b" 'BEGIN { print s / 1000 + 2 }')" \
            "$role: b (${o[backup]}) did not take $vip after a's graceful stop"
        case ${o[master]} in
            vrrpctl)
                it_wait "! it_alive a" 1 "$role: vrrpctl in a did not exit within 1 s of SIGTERM"
                it_check "! lab_has_address a $vip" "$role: vrrpctl left $vip on a after a clean stop"
                ;;
            keepalived)
                # keepalived takes 2.5 s to exit; it removes the VIP first.
                it_wait "! lab_has_address a $vip" 1 "$role: keepalived kept $vip on a after SIGTERM"
                ;;
            *) ;; # FRR's vrrpd does not manage the VIP itself, only the macvlan's protodown while it runs.
        esac
        # a stays silent while b advertises.
        sleep "$(awk -v i="$int" 'BEGIN { print (i * 3 < 0.3) ? 0.3 : i * 1.5 }')"
    fi
    it_capture_stop

    # The wire.
    local adverts
    adverts=$(it_adverts)
    [[ -n "$adverts" ]] || it_fail "$role: no VRRP advert on the wire"
    local n
    n=$(it_count "$adverts" "\$2 != \"a\" && \$2 != \"b\"")
    ((n == 0)) || it_fail "$role: $n adverts from an unknown source"
    n=$(it_count "$adverts" "\$5 != $version")
    ((n == 0)) || it_fail "$role: $n adverts are not version $version"
    if [[ $version == 2 && $group == ff02::12 ]]; then
        # keepalived's VRRPv2 over IPv6: the checksum covers the IPv6 pseudo-header, which tshark does not apply
        # to v2; vrrpctl decode checks it the way keepalived's kernel does (IPV6_CHECKSUM) and names the format.
        n=$(( $(it_count "$adverts" "1") - $("$VRRPCTL" decode "$IT_PCAP" 2>/dev/null |
            grep -c ' VRRPv2 .* cksum ok (keepalived-v2-over-ipv6)$') ))
    else
        n=$(it_bad_checksums)
    fi
    ((n == 0)) || it_fail "$role: $n adverts with a bad checksum"
    if [[ ${o[unicast]} == yes ]]; then
        n=$(it_count "$adverts" "(\$2 == \"a\" && \$6 != \"$b_addr\") || (\$2 == \"b\" && \$6 != \"$a_addr\")")
        ((n == 0)) || it_fail "$role: $n unicast adverts not addressed to the peer"
    else
        n=$(it_count "$adverts" "\$6 != \"$group\"")
        ((n == 0)) || it_fail "$role: $n adverts not sent to $group"
    fi
    if [[ -n "${o[pass]}" && ${o[authtype]} == PASS && $version == 2 && $group == ff02::12 ]]; then
        # keepalived's VRRPv2 over IPv6 sends auth type 1 and no password octets.
        n=$(tshark -r "$IT_PCAP" -Y 'vrrp && vrrp.auth_type != 1' 2>/dev/null | wc -l)
        ((n == 0)) || it_fail "$role: $n adverts without auth type 1 (PASS)"
    elif [[ -n "${o[pass]}" && ${o[authtype]} == PASS ]]; then
        n=$(it_count "$adverts" "\$7 != \"${o[pass]}\"")
        ((n == 0)) || it_fail "$role: $n adverts without the password ${o[pass]}"
    elif [[ ${o[authtype]} == AH ]]; then
        # AH adverts carry no password: auth type 2 in VRRP, inside IP protocol 51 with SPI = the source.
        n=$(tshark -r "$IT_PCAP" -Y vrrp -T fields -E separator='|' -e ip.src -e ah.spi -e vrrp.auth_type 2>/dev/null |
            awk -F'|' '{ split($1, o, "."); spi = sprintf("0x%02x%02x%02x%02x", o[1], o[2], o[3], o[4]) }
                $2 != spi || $3 != 2 { n++ } END { print n + 0 }')
        ((n == 0)) || it_fail "$role: $n adverts not wrapped in AH (SPI = source, auth type 2)"
    else
        n=$(it_count "$adverts" "\$7 != \"-\"")
        ((n == 0)) || it_fail "$role: $n adverts carry a password though none is configured"
    fi

    # Phase 1: b silent; a steady at priority 150.
    n=$(it_count "$adverts" "\$1 >= $t_b_start && \$1 < $t_crash && \$2 == \"b\"")
    ((n == 0)) || it_fail "$role: b (${o[backup]}) sent $n adverts while a was master (it did not accept a's)"
    local expected
    expected=$(awk -v s="$t_b_start" -v e="$t_crash" -v i="$int" 'BEGIN { printf "%d\n", (e - s) / i }')
    n=$(it_count "$adverts" "\$1 >= $t_b_start && \$1 < $t_crash && \$2 == \"a\" && \$4 == 150")
    it_between "$n" "$((expected * 8 / 10))" "$((expected + 2))" ||
        it_fail "$role: a sent $n adverts at priority 150 while master; about $expected expected"

    # Phase 2: takeover after Master_Down_Interval.
    local last_a first_b took
    # a is stopped some milliseconds after t_crash (forks in between): its true last advert is the last before b's
    # first.
    first_b=$(it_first "$adverts" "\$1 > $t_crash && \$2 == \"b\" && \$4 == 100")
    last_a=$(it_last "$adverts" "\$1 < ${first_b:-0} && \$2 == \"a\"")
    [[ -n "$last_a" && -n "$first_b" ]] || it_fail "$role: the capture lacks a's last or b's first advert"
    took=$(it_ms "$last_a" "$first_b")
    it_between "$took" "$(awk -v m="$mdi_b" -v e="${o[early]}" 'BEGIN { print m - e }')" \
        "$(awk -v m="$mdi_b" -v b="${o[bound]}" 'BEGIN { print m + b }')" ||
        it_fail "$role: b's first advert came ${took} ms after a's last; Master_Down_Interval is $mdi_b ms" \
            "(bound +${o[bound]} ms)"
    n=$(it_count "$adverts" "\$1 > $t_crash && \$1 < $t_a_restart && \$2 == \"b\" && \$4 != 100")
    ((n == 0)) || it_fail "$role: b advertised $n times at a priority other than 100 as master"
    local summary="takeover ${took} ms after the last advert (Master_Down_Interval $mdi_b ms)"

    # Phase 3: a preempts, b falls silent.
    if [[ ${o[back]} == yes ]]; then
        local first_a2 last_b
        first_a2=$(it_first "$adverts" "\$1 > $t_a_restart && \$2 == \"a\" && \$4 == 150")
        [[ -n "$first_a2" ]] || it_fail "$role: no advert from the restarted a"
        last_b=$(it_last "$adverts" "\$2 == \"b\" && \$1 < ${t_term:-9999999999}")
        it_between "$(it_ms "$first_a2" "$last_b")" -100000 50 ||
            it_fail "$role: b kept advertising $(it_ms "$first_a2" "$last_b") ms after a's priority-150 advert"
    fi

    # Phase 4: priority 0 from a, then b after Skew_Time.
    if [[ ${o[stop]} == yes ]]; then
        local zero handover
        zero=$(it_first "$adverts" "\$1 > $t_term && \$2 == \"a\" && \$4 == 0")
        [[ -n "$zero" ]] || it_fail "$role: no priority-0 advert from a (${o[master]}) after SIGTERM"
        n=$(it_count "$adverts" "\$1 > $zero && \$2 == \"a\" && \$4 != 0")
        ((n == 0)) || it_fail "$role: a sent $n adverts after its priority-0 advert"
        first_b=$(it_first "$adverts" "\$1 > $zero && \$2 == \"b\" && \$4 == 100")
        [[ -n "$first_b" ]] || it_fail "$role: no advert from b after a's priority 0"
        handover=$(it_ms "$zero" "$first_b")
        it_between "$handover" "$(awk -v s="$skew_b" -v e="${o[early]}" 'BEGIN { print s - e }')" \
            "$(awk -v s="$skew_b" -v b="${o[stop_bound]}" 'BEGIN { print s + b }')" ||
            it_fail "$role: b's first advert came $handover ms after a's priority 0; Skew_Time is $skew_b ms" \
                "(bound +${o[stop_bound]} ms)"
        summary+="; priority 0 → b after $handover ms (Skew_Time $skew_b ms)"
    fi
    printf '  %s: %s\n' "$role" "$summary"
}

# it_mismatch LAB AUTHTYPE WHAT: vrrpctl in a and keepalived in b, VRRPv2 1 s adverts with auth type AUTHTYPE
# (PASS or AH) and mismatched passwords (alpha1 / bravo2), on two VRIDs: 61 with vrrpctl at 100 below keepalived
# at 150, 62 the reverse. Neither may accept the other's adverts: both nodes hold both VIPs, judged from the
# kernel, and on the wire vrrpctl keeps advertising on both VRIDs while keepalived advertised on both. WHAT names
# the mismatch in failure messages. Leaves the adverts (`it_adverts`) in `adverts` for the caller's own checks.
it_mismatch() {
    local lab=$1 authtype=$2 what=$3 vrid n t_both
    local both="it_holds a 192.0.2.100 && it_holds b 192.0.2.100 && it_holds a 192.0.2.101 && it_holds b 192.0.2.101"
    local v61=(vrid=61 version=2 int=1 "authtype=$authtype")
    local v62=(name=VI_2 vrid=62 version=2 int=1 "authtype=$authtype" vips=192.0.2.101/24)
    it_lab "$lab" a b
    it_capture
    it_vrrpctl a "$(it_conf "${v61[@]}" prio=100 auth=alpha1; it_instance "${v62[@]}" prio=150 auth=alpha1)"
    it_keepalived b "$(it_conf "${v61[@]}" prio=150 auth=bravo2; it_instance "${v62[@]}" prio=100 auth=bravo2)"
    it_wait "$both" 8 "with $what the two nodes did not both become master of VRIDs 61 and 62"
    t_both=$(it_now)
    it_never "! { $both; }" 3.2 "with $what a node gave up a VIP (it accepted the peer's adverts)"
    it_alive a && it_alive b || it_fail "a daemon died"
    it_capture_stop
    adverts=$(it_adverts)
    for vrid in 61 62; do
        # vrrpctl keeps advertising at 1 s (3 or 4 adverts in 3.2 s); fewer means it went backup.
        n=$(it_count "$adverts" "\$1 > $t_both && \$2 == \"a\" && \$3 == $vrid && \$4 > 0")
        ((n >= 3)) || it_fail "$what: vrrpctl sent $n adverts on VRID $vrid in 3.2 s (accepted the peer)"
        # keepalived 2.2.7 as master sends few adverts while it receives ones it rejects (seen: one in 5 s), and it
        # may have become master before vrrpctl's first advert, so it is held only to having advertised as master
        # at all (the kernel check above already shows it kept the VIP while vrrpctl advertised).
        n=$(it_count "$adverts" "\$2 == \"b\" && \$3 == $vrid && \$4 > 0")
        ((n >= 1)) || it_fail "$what: keepalived never advertised VRID $vrid"
    done
}
