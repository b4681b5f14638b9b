# shellcheck shell=bash
# lab.sh: a small library for VRRP labs in Linux network namespaces.
#
# Source it from a bash script that runs as root:
#
#     . "$(dirname "$0")/lab.sh"
#     lab_init vrrpsw-demo            # prefix of every namespace; installs the teardown trap
#     lab_bridge                      # namespace vrrpsw-demo-br with bridge br0
#     lab_host a 192.0.2.1/24 2001:db8::1/64
#     lab_host b 192.0.2.2/24 2001:db8::2/64
#     lab_capture_start /tmp/x.pcap
#     lab_start_keepalived a a.conf
#     lab_wait_for "lab_has_address a 192.0.2.100" 10
#     lab_capture_stop
#     lab_down                        # also runs from the trap; idempotent
#
# Topology: one namespace PREFIX-br holding bridge br0 (multicast snooping, STP and forward delay off,
# br_netfilter hooks off); one namespace PREFIX-NAME per host, linked to the bridge by a veth whose host end
# is eth0 and whose bridge end is v-NAME. Only 192.0.2.0/24 and 2001:db8::/64 are accepted as host addresses.
# Host N (in creation order) gets MAC 02:00:5e:10:00:N, so link-local addresses are stable between runs.
#
# Every wait is bounded. Everything started in a lab namespace is killed by lab_down, which also deletes the
# namespaces and the per-lab directory. lab_init first removes leftovers of an earlier run with the same prefix,
# so run one lab per prefix at a time (give parallel labs different prefixes, e.g. vrrpsw-TAG-test1).
#
# Settings (environment, read when used):
#   LAB_KEEP_DIR=1   keep the per-lab directory (logs, configs, pid files) after lab_down.
#   LAB_LOG_DIR=DIR  copy every log of the lab into DIR on lab_down.
#   LAB_VERBOSE=1    say what is being done on stderr.
#   LAB_FRR_DIR=DIR  where zebra and vrrpd are (default: the Debian location).

LAB_FRR_DIR=${LAB_FRR_DIR:-/usr/lib/frr}  # where the Debian frr package puts zebra and vrrpd
LAB_PREFIX=""
LAB_DIR=""
LAB_BRIDGE_NS=""
LAB_HOST_COUNT=0
LAB_HOSTS=()
LAB_CAPTURE_PIDS=()
LAB_CAPTURE_LOGS=()
LAB_STARTED_PIDS=()
LAB_TRAP_INSTALLED=0

_lab_say() {
    if [[ "${LAB_VERBOSE:-0}" == 1 ]]; then printf 'lab: %s\n' "$*" >&2; fi
}

_lab_die() {
    printf 'lab: error: %s\n' "$*" >&2
    return 1
}

# _lab_now_ms: milliseconds since the epoch.
_lab_now_ms() {
    local ns
    ns=$(date +%s%N)
    printf '%s\n' $((ns / 1000000))
}

# _lab_ms SECONDS: a duration in seconds (may be fractional, e.g. 2.5) as whole milliseconds.
_lab_ms() {
    awk -v s="$1" 'BEGIN { if (s !~ /^[0-9]+(\.[0-9]+)?$/) exit 1; printf "%d\n", s * 1000 }' ||
        _lab_die "not a duration in seconds: '$1'"
}

# lab_ns NAME: the namespace name of host NAME (or "br" for the bridge namespace).
lab_ns() {
    printf '%s-%s\n' "$LAB_PREFIX" "$1"
}

# lab_dir [NAME]: the per-lab directory, or the directory of host NAME inside it.
lab_dir() {
    if [[ $# -eq 0 ]]; then printf '%s\n' "$LAB_DIR"; else printf '%s/%s\n' "$LAB_DIR" "$1"; fi
}

# _lab_alive PID: true when PID exists and is not a zombie (PID 1 may reap orphans lazily).
_lab_alive() {
    local stat state
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    state=${stat##*) }
    state=${state%% *}
    [[ "$state" != Z && "$state" != X ]]
}

# _lab_prefix_namespaces PREFIX: the namespaces a lab with PREFIX makes: PREFIX-br and PREFIX-HOST, where
# HOST has no "-". So a lab "vrrpsw-x" never touches the namespaces of a lab "vrrpsw-x-y" running beside it.
_lab_prefix_namespaces() {
    ip netns list 2>/dev/null | awk '{ print $1 }' | grep -E "^$1-[a-z0-9]{1,8}\$" || true
}

# _lab_kill_namespace_pids NS: TERM, then KILL after a bounded wait, every process in NS.
_lab_kill_namespace_pids() {
    local ns=$1 pids deadline
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    [[ -n "${pids// /}" ]] || return 0
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    deadline=$(($(_lab_now_ms) + 4000))
    while (($(_lab_now_ms) < deadline)); do
        local left="" pid
        for pid in $pids; do if _lab_alive "$pid"; then left+="$pid "; fi; done
        [[ -n "$left" ]] || return 0
        pids=$left
        sleep 0.05
    done
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
}

# _lab_clean_prefix PREFIX: removes namespaces, processes and directories left by an earlier run.
_lab_clean_prefix() {
    local prefix=$1 ns
    for ns in $(_lab_prefix_namespaces "$prefix"); do
        _lab_say "removing leftover namespace $ns"
        _lab_kill_namespace_pids "$ns"
        ip netns delete "$ns" 2>/dev/null || true
    done
    local dir
    for dir in "${TMPDIR:-/tmp}/$prefix".lab.*; do
        [[ -d "$dir" ]] || continue
        _lab_say "removing leftover directory $dir"
        rm -rf -- "$dir"
    done
}

# lab_init PREFIX: starts a lab. PREFIX must start with vrrpsw-. Installs an EXIT/INT/TERM trap calling lab_down.
lab_init() {
    local prefix=${1:?usage: lab_init PREFIX}
    [[ "$prefix" =~ ^vrrpsw-[a-z0-9-]+$ ]] || { _lab_die "prefix '$prefix' must match vrrpsw-[a-z0-9-]+"; return 1; }
    ((${#prefix} <= 24)) || { _lab_die "prefix '$prefix' is longer than 24 characters"; return 1; }
    [[ $EUID -eq 0 ]] || { _lab_die "needs root (network namespaces)"; return 1; }
    local tool
    for tool in ip awk; do
        command -v "$tool" >/dev/null || { _lab_die "needs $tool"; return 1; }
    done
    if [[ -n "$LAB_PREFIX" ]]; then lab_down; fi
    _lab_clean_prefix "$prefix"
    LAB_PREFIX=$prefix
    LAB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.lab.XXXXXX")
    chmod 755 "$LAB_DIR"
    LAB_BRIDGE_NS=""
    LAB_HOST_COUNT=0
    LAB_HOSTS=()
    LAB_CAPTURE_PIDS=()
    LAB_CAPTURE_LOGS=()
    LAB_STARTED_PIDS=()
    if [[ $LAB_TRAP_INSTALLED == 0 ]]; then
        trap 'lab_down' EXIT
        trap 'lab_down; trap - INT; kill -INT $$' INT
        trap 'lab_down; trap - TERM; kill -TERM $$' TERM
        LAB_TRAP_INSTALLED=1
    fi
    _lab_say "lab $LAB_PREFIX in $LAB_DIR"
}

# lab_bridge: creates namespace PREFIX-br with bridge br0 (mcast_snooping 0, STP off, forward_delay 0).
lab_bridge() {
    [[ -n "$LAB_PREFIX" ]] || { _lab_die "lab_init first"; return 1; }
    local ns
    ns=$(lab_ns br)
    ip netns add "$ns" || return 1
    LAB_BRIDGE_NS=$ns
    ip -n "$ns" link set lo up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
        >/dev/null
    local key
    for key in iptables ip6tables arptables; do
        if [[ -e /proc/sys/net/bridge/bridge-nf-call-$key ]]; then
            ip netns exec "$ns" sysctl -qw "net.bridge.bridge-nf-call-$key=0" >/dev/null 2>&1 || true
        fi
    done
    ip -n "$ns" link add br0 type bridge mcast_snooping 0 stp_state 0 forward_delay 0 || return 1
    ip -n "$ns" link set br0 up
}

# lab_host NAME IPV4/24 [IPV6/64]: a host namespace PREFIX-NAME with eth0 bridged to br0.
lab_host() {
    local name=${1:?usage: lab_host NAME IPV4/24 [IPV6/64]} v4=${2:?usage: lab_host NAME IPV4/24 [IPV6/64]}
    local v6=${3:-}
    [[ -n "$LAB_BRIDGE_NS" ]] || { _lab_die "lab_bridge first"; return 1; }
    [[ "$name" =~ ^[a-z0-9]{1,8}$ ]] || { _lab_die "host name '$name' must be 1-8 of [a-z0-9]"; return 1; }
    [[ "$v4" =~ ^192\.0\.2\.[0-9]{1,3}/24$ ]] || { _lab_die "IPv4 '$v4' is not in 192.0.2.0/24"; return 1; }
    if [[ -n "$v6" && ! "$v6" =~ ^2001:db8::[0-9a-f:]*/64$ ]]; then
        _lab_die "IPv6 '$v6' is not in 2001:db8::/64"
        return 1
    fi
    local ns
    ns=$(lab_ns "$name")
    ip netns add "$ns" || return 1
    LAB_HOSTS+=("$name")
    LAB_HOST_COUNT=$((LAB_HOST_COUNT + 1))
    mkdir -p "$LAB_DIR/$name"
    local mac
    mac=$(printf '02:00:5e:10:00:%02x' "$LAB_HOST_COUNT")
    ip link add eth0 netns "$ns" address "$mac" type veth peer name "v-$name" netns "$LAB_BRIDGE_NS" || return 1
    ip -n "$LAB_BRIDGE_NS" link set "v-$name" master br0
    ip -n "$LAB_BRIDGE_NS" link set "v-$name" up
    local s=(
        net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.eth0.accept_dad=0
        net.ipv6.conf.all.dad_transmits=0 net.ipv6.conf.default.dad_transmits=0
        net.ipv6.conf.eth0.dad_transmits=0
        net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.eth0.accept_ra=0
        net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
    )
    ip netns exec "$ns" sysctl -qw "${s[@]}" >/dev/null || return 1
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$v4" dev eth0
    if [[ -n "$v6" ]]; then ip -n "$ns" addr add "$v6" dev eth0 nodad; fi
    ip -n "$ns" link set eth0 up
}

# lab_exec NAME CMD...: runs CMD in host NAME's namespace.
lab_exec() {
    local name=${1:?usage: lab_exec NAME CMD...}
    shift
    ip netns exec "$(lab_ns "$name")" "$@"
}

# lab_wait_for CONDITION TIMEOUT: evaluates CONDITION (a shell command string) every 20 ms until it succeeds
# or TIMEOUT seconds (fractions allowed) have passed; fails on timeout.
lab_wait_for() {
    local condition=${1:?usage: lab_wait_for CONDITION TIMEOUT} timeout=${2:?usage: lab_wait_for CONDITION TIMEOUT}
    local deadline
    deadline=$(($(_lab_now_ms) + $(_lab_ms "$timeout")))
    while true; do
        if eval "$condition" >/dev/null 2>&1; then return 0; fi
        if (($(_lab_now_ms) >= deadline)); then
            _lab_die "timed out after ${timeout}s waiting for: $condition"
            return 1
        fi
        sleep 0.02
    done
}

# lab_has_address NAME ADDRESS: true when host NAME has ADDRESS (no prefix length) on any interface.
lab_has_address() {
    ip -n "$(lab_ns "$1")" -o addr show 2>/dev/null | awk '{ split($4, a, "/"); print a[1] }' | grep -qxF "$2"
}

# _lab_capture_wait_listening LOG PID: waits (at most 5 s) until the capture tool said it is listening.
_lab_capture_wait_listening() {
    local log=$1 pid=$2
    lab_wait_for "grep -qE 'listening on|Capturing on' '$log' || ! kill -0 $pid" 5 || return 1
    if ! kill -0 "$pid" 2>/dev/null; then
        _lab_die "capture exited: $(cat "$log")"
        return 1
    fi
    # The message is printed after the socket is bound and the filter attached; give the ring a moment.
    sleep 0.1
}

# The capture filter of LAB-NOTES: VRRP, AH, ARP and neighbour advertisements.
LAB_CAPTURE_FILTER='ip proto 112 or ip6 proto 112 or ip proto 51 or arp or (icmp6 and ip6[40] == 136)'

# lab_capture_start FILE [HOST [IFACE [TOOL-ARGS...]]]: starts tcpdump writing FILE (pcap, -U, filter above).
# tcpdump runs in immediate mode: with TPACKET_V3 it otherwise loses the packets of the last, partly filled
# ring block (up to a second) when it is stopped.
# Without HOST it captures on br0 in the bridge namespace. FILE ending in .pcapng uses dumpcap instead.
# Extra arguments go to the capture tool (e.g. -y LINUX_SLL2). Returns once the tool is listening.
lab_capture_start() {
    local file=${1:?usage: lab_capture_start FILE [HOST [IFACE [ARGS...]]]} host=${2:-} iface=${3:-br0}
    shift $(($# < 3 ? $# : 3))
    local ns=$LAB_BRIDGE_NS
    if [[ -n "$host" && "$host" != br ]]; then ns=$(lab_ns "$host"); fi
    [[ -n "$ns" ]] || { _lab_die "no namespace to capture in"; return 1; }
    local index=${#LAB_CAPTURE_PIDS[@]}
    local log="$LAB_DIR/capture-$index.log"
    rm -f -- "$file"
    if [[ "$file" == *.pcapng ]]; then
        ip netns exec "$ns" dumpcap -q -i "$iface" -f "$LAB_CAPTURE_FILTER" -w "$file" "$@" >"$log" 2>&1 &
    else
        ip netns exec "$ns" tcpdump -Z root -U --immediate-mode -n -s 0 -i "$iface" -w "$file" "$@" \
            "$LAB_CAPTURE_FILTER" >"$log" 2>&1 &
    fi
    local pid=$!
    LAB_CAPTURE_PIDS+=("$pid")
    LAB_CAPTURE_LOGS+=("$log")
    _lab_capture_wait_listening "$log" "$pid"
}

# lab_capture_stop: stops every running capture (SIGINT, then SIGKILL after 5 s) so the files are complete.
lab_capture_stop() {
    local pid
    for pid in "${LAB_CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${LAB_CAPTURE_PIDS[@]}"; do
        if ! lab_wait_for "! _lab_alive $pid" 5; then kill -KILL "$pid" 2>/dev/null || true; fi
        wait "$pid" 2>/dev/null || true
    done
    LAB_CAPTURE_PIDS=()
}

# _lab_track_pid PID: remembers a process started by the lab.
# The job is disowned so that bash does not report "Killed" when a test kills it on purpose.
_lab_track_pid() {
    LAB_STARTED_PIDS+=("$1")
    disown "$1" 2>/dev/null || true
}

# lab_start_keepalived HOST CONF: runs keepalived (VRRP only, foreground) in HOST with its own pid files.
# The config is copied to the host directory; the log goes to DIR/HOST/keepalived.log. Waits (at most 5 s)
# for the VRRP child's pid file. Sets LAB_LAST_PID to the parent's pid.
lab_start_keepalived() {
    local host=${1:?usage: lab_start_keepalived HOST CONF} conf=${2:?usage: lab_start_keepalived HOST CONF}
    local dir="$LAB_DIR/$host"
    mkdir -p "$dir"
    [[ -r "$conf" ]] || { _lab_die "cannot read $conf"; return 1; }
    cp -- "$conf" "$dir/keepalived.conf"
    rm -f -- "$dir/keepalived.pid" "$dir/vrrp.pid"
    ip netns exec "$(lab_ns "$host")" setsid keepalived -n -l -D -f "$dir/keepalived.conf" \
        -p "$dir/keepalived.pid" -r "$dir/vrrp.pid" --vrrp >>"$dir/keepalived.log" 2>&1 &
    LAB_LAST_PID=$!
    _lab_track_pid "$LAB_LAST_PID"
    if ! lab_wait_for "[[ -s '$dir/vrrp.pid' ]]" 5; then
        _lab_die "keepalived in $host did not start; log: $(tail -n 20 "$dir/keepalived.log")"
        return 1
    fi
}

# lab_keepalived_pids HOST: the pids of keepalived's parent and VRRP child in HOST.
lab_keepalived_pids() {
    local dir="$LAB_DIR/$1" f
    for f in "$dir/keepalived.pid" "$dir/vrrp.pid"; do
        if [[ -s "$f" ]]; then cat "$f"; fi
    done
}

# lab_start_frr HOST SNIPPET: runs zebra and vrrpd in HOST. SNIPPET is the vrrpd configuration (a file or
# the text itself, e.g. "interface eth0\n vrrp 51 version 3\n vrrp 51 ip 192.0.2.100"). For every
# "vrrp VRID ip A" / "vrrp VRID ipv6 A" line a macvlan is made on eth0 first (mode bridge, random link-local,
# MAC 00:00:5e:00:01:VRID or 00:00:5e:00:02:VRID, the VIP on it), as vrrpd requires. Logs go to DIR/HOST.
lab_start_frr() {
    local host=${1:?usage: lab_start_frr HOST SNIPPET} snippet=${2:?usage: lab_start_frr HOST SNIPPET}
    local ns dir
    ns=$(lab_ns "$host")
    dir="$LAB_DIR/$host/frr"
    mkdir -p "$dir"
    if [[ -f "$snippet" ]]; then
        cp -- "$snippet" "$dir/vrrpd.conf"
    else
        printf '%b\n' "$snippet" >"$dir/vrrpd.conf"
    fi
    printf 'hostname %s\nlog stdout informational\n' "$host" >"$dir/zebra.conf"
    chown -R frr:frr "$dir"
    chmod 750 "$dir"
    ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 >/dev/null
    # One macvlan per (VRID, family) named in the configuration.
    local vrid family address line
    while read -r line; do
        # shellcheck disable=SC2086
        set -- $line
        [[ "${1:-}" == vrrp && ( "${3:-}" == ip || "${3:-}" == ipv6 ) ]] || continue
        vrid=$2 family=$3 address=$4
        local link mac
        if [[ "$family" == ip ]]; then
            link="vrrp4-$vrid"
            mac=$(printf '00:00:5e:00:01:%02x' "$vrid")
            [[ "$address" =~ ^192\.0\.2\.[0-9]{1,3}$ ]] || { _lab_die "VIP $address not in 192.0.2.0/24"; return 1; }
        else
            link="vrrp6-$vrid"
            mac=$(printf '00:00:5e:00:02:%02x' "$vrid")
            [[ "$address" =~ ^2001:db8::[0-9a-f:]*$ ]] || { _lab_die "VIP $address not in 2001:db8::/64"; return 1; }
        fi
        if ! ip -n "$ns" link show "$link" >/dev/null 2>&1; then
            ip -n "$ns" link add "$link" link eth0 address "$mac" type macvlan mode bridge || return 1
            ip -n "$ns" link set "$link" addrgenmode random
            ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$link.accept_dad=0" "net.ipv6.conf.$link.dad_transmits=0" \
                "net.ipv6.conf.$link.accept_ra=0" "net.ipv4.conf.$link.rp_filter=0" >/dev/null 2>&1 || true
        fi
        if [[ "$family" == ip ]]; then
            ip -n "$ns" addr add "$address/24" dev "$link"
        else
            ip -n "$ns" addr add "$address/64" dev "$link" nodad
        fi
        ip -n "$ns" link set "$link" up
    done <"$dir/vrrpd.conf"
    ip netns exec "$ns" setsid "$LAB_FRR_DIR/zebra" -i "$dir/zebra.pid" -z "$dir/zserv.api" --vty_socket "$dir" \
        -f "$dir/zebra.conf" -P 0 >>"$dir/zebra.log" 2>&1 &
    _lab_track_pid $!
    if ! lab_wait_for "[[ -S '$dir/zserv.api' ]]" 10; then
        _lab_die "zebra in $host did not start; log: $(tail -n 20 "$dir/zebra.log")"
        return 1
    fi
    ip netns exec "$ns" setsid "$LAB_FRR_DIR/vrrpd" -i "$dir/vrrpd.pid" -z "$dir/zserv.api" --vty_socket "$dir" \
        -f "$dir/vrrpd.conf" -P 0 >>"$dir/vrrpd.log" 2>&1 &
    LAB_LAST_PID=$!
    _lab_track_pid "$LAB_LAST_PID"
    if ! lab_wait_for "[[ -s '$dir/vrrpd.pid' ]]" 10; then
        _lab_die "vrrpd in $host did not start; log: $(tail -n 20 "$dir/vrrpd.log")"
        return 1
    fi
}

# lab_kill HOST SIG [all]: sends SIG to the daemons the lab started in HOST (keepalived's parent, zebra,
# vrrpd); with "all", to every process in HOST's namespace, one whole process group per kill(2) call.
# Daemons run in their own session (setsid), so "all" hits keepalived's parent and VRRP child atomically:
# signalling them one after the other lets the child see its parent die first (with SIGKILL it then still
# sends a priority-0 advert).
lab_kill() {
    local host=${1:?usage: lab_kill HOST SIG [all]} sig=${2:?usage: lab_kill HOST SIG [all]} scope=${3:-}
    local ns pids=() pid
    ns=$(lab_ns "$host")
    if [[ "$scope" == all ]]; then
        local own_group group groups=" "
        own_group=$(_lab_pgid $$)
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            group=$(_lab_pgid "$pid") || continue
            if [[ -n "$group" && "$group" != "$own_group" && "$group" != 0 ]]; then
                if [[ "$groups" != *" $group "* ]]; then groups+="$group "; pids+=("-$group"); fi
            else
                pids+=("$pid")
            fi
        done
    else
        local inside
        inside=" $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ') "
        for pid in "${LAB_STARTED_PIDS[@]}"; do
            if [[ "$inside" == *" $pid "* ]]; then pids+=("$pid"); fi
        done
    fi
    ((${#pids[@]} > 0)) || { _lab_die "no process to signal in $host"; return 1; }
    kill -s "$sig" -- "${pids[@]}"
}

# _lab_pgid PID: the process group of PID (field 5 of /proc/PID/stat).
_lab_pgid() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    # shellcheck disable=SC2086
    set -- $stat
    printf '%s\n' "$3"
}

# lab_wait_gone HOST TIMEOUT: waits until no live (non-zombie) process is left in HOST's namespace.
lab_wait_gone() {
    local host=${1:?usage: lab_wait_gone HOST TIMEOUT} timeout=${2:?usage: lab_wait_gone HOST TIMEOUT}
    lab_wait_for "_lab_no_live_pids '$(lab_ns "$host")'" "$timeout"
}

_lab_no_live_pids() {
    local pid
    for pid in $(ip netns pids "$1" 2>/dev/null); do
        if _lab_alive "$pid"; then return 1; fi
    done
    return 0
}

# lab_down: stops captures, kills every process in the lab's namespaces, deletes them and the lab directory.
# Idempotent; safe to call when nothing was set up.
lab_down() {
    local status=$?
    [[ -n "$LAB_PREFIX" ]] || return "$status"
    if ((${#LAB_CAPTURE_PIDS[@]} > 0)); then lab_capture_stop; fi
    local ns
    for ns in $(_lab_prefix_namespaces "$LAB_PREFIX"); do _lab_kill_namespace_pids "$ns"; done
    local pid
    for pid in "${LAB_STARTED_PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for ns in $(_lab_prefix_namespaces "$LAB_PREFIX"); do ip netns delete "$ns" 2>/dev/null || true; done
    if [[ -n "$LAB_DIR" && -d "$LAB_DIR" ]]; then
        if [[ -n "${LAB_LOG_DIR:-}" ]]; then
            mkdir -p "$LAB_LOG_DIR"
            (cd "$LAB_DIR" && find . -name '*.log' -exec cp --parents -t "$LAB_LOG_DIR" {} +) 2>/dev/null || true
        fi
        if [[ "${LAB_KEEP_DIR:-0}" == 1 ]]; then
            printf 'lab: kept %s\n' "$LAB_DIR" >&2
        else
            rm -rf -- "$LAB_DIR"
        fi
    fi
    LAB_PREFIX=""
    LAB_DIR=""
    LAB_BRIDGE_NS=""
    LAB_HOSTS=()
    LAB_STARTED_PIDS=()
    return 0
}
