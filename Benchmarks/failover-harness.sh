#!/usr/bin/env bash
# failover-harness.sh: vrrpctl and keepalived measured in the same namespaces in one run, side by side.
#
# Usage: sudo Benchmarks/failover-harness.sh [-n REPS] [-N V2-REPS] [-q] [-o PARTS] [-R PRIORITY]
#   -o PARTS    only these, comma separated: period (with RSS), v3, v2, cpu (default: all)
#   -R PRIORITY the period part with `vrrp_rt_priority PRIORITY` in global_defs for both (SCHED_RR; default: none,
#               as keepalived's default)
#   -n REPS     takeover repetitions at VRRPv3 10 ms (default 20)
#   -N REPS     takeover repetitions at VRRPv2 1 s (default 5; each takes ~10 s per implementation)
#   -q          quick: 5 and 2 repetitions, 5 s CPU windows
# Environment: VRRPCTL (the binary; default: a release build, made with
#   swift build -c release --static-swift-stdlib --scratch-path "${SCRATCH:-.build-release}" --product vrrpctl,
#   as the README installs it),
#   IT_PREFIX (namespace prefix, default vrrpsw-io; the labs are PREFIX-bh*), LAB_KEEP_DIR=1.
#
# What it measures, each for vrrpctl and for keepalived on identical configurations (VRID 51, VIP 192.0.2.100,
# a at priority 150, b at 100, captures on the bridge):
#   takeover   master loss (SIGKILL to everything in a's namespace) → first advert of the new master, minus the
#              backup's Master_Down_Interval: median and worst over the repetitions, at v2 1 s and v3 10 ms.
#              Taken from the wire: a's last advert → b's first advert, both timestamped on the bridge.
#   period     a single v3 master at 10 ms for 5 s: mean interval between its adverts (error vs 10 ms) and p99.
#   RSS        VmRSS of a node with that one instance (keepalived: parent + VRRP child).
#   CPU        100 instances (VRIDs 1-100) at 10 ms: a node as master of all and one as backup of all, CPU % from
#              utime + stime in /proc/PID/stat over a window (keepalived: both processes). Also printed: the
#              most VIPs the backup held at once in the window (0 when no backup instance flapped to master).
# The machine's load average is printed: timing figures on a shared machine include its noise.
# Not run in CI (takes about four minutes).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)

reps_v3=20
reps_v2=5
cpu_window=10
parts=period,v3,v2,cpu
rt_priority=""
while getopts "n:N:qo:R:" option; do
    case $option in
        o) parts=$OPTARG ;;
        R) rt_priority=$OPTARG ;;
        n) reps_v3=$OPTARG ;;
        N) reps_v2=$OPTARG ;;
        q) reps_v3=5 reps_v2=2 cpu_window=5 ;;
        *) sed -n '2,11p' "$0" >&2; exit 2 ;;
    esac
done

[[ $EUID -eq 0 ]] || { echo "failover-harness: needs root" >&2; exit 2; }
if [[ -z "${VRRPCTL:-}" ]]; then
    scratch=${SCRATCH:-.build-release}
    echo "== building vrrpctl (release, $scratch)" >&2
    (cd "$REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product vrrpctl 2>&1 | tail -n 1) >&2
    VRRPCTL="$REPO/$scratch/release/vrrpctl"
fi
export VRRPCTL

# shellcheck source=../Tests/Integration/common.sh
. "$REPO/Tests/Integration/common.sh"
it_init failover-harness keepalived
CLK_TCK=$(getconf CLK_TCK)
declare -A R=()

# ---- helpers ---------------------------------------------------------------------------------------------

# cpu_ticks PID...: utime + stime of the processes, in clock ticks.
cpu_ticks() {
    local pid total=0 stat fields
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        read -r -a fields <<<"${stat##*) }"
        # After "(comm) ": state is field 3, utime 14 and stime 15 of the full line: indexes 11 and 12 here.
        total=$((total + fields[11] + fields[12]))
    done
    printf '%s\n' "$total"
}

# rss_kb PID...: the sum of VmRSS.
rss_kb() {
    local pid total=0 value
    for pid in "$@"; do
        value=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
        total=$((total + ${value:-0}))
    done
    printf '%s\n' "$total"
}

# node_pids HOST: the processes of the daemon in HOST (vrrpctl: one; keepalived: parent and VRRP child).
node_pids() {
    if [[ ${IT_KIND[$1]} == keepalived ]]; then lab_keepalived_pids "$1"; else printf '%s\n' "${IT_PID[$1]}"; fi
}

# stats: reads numbers (one a line) and prints "median worst mean p99 count".
stats() {
    sort -g | awk '{ v[NR] = $1; sum += $1 }
        END {
            if (NR == 0) { print "- - - - 0"; exit }
            median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            p = int(NR * 0.99 + 0.999999); if (p < 1) p = 1; if (p > NR) p = NR
            printf "%.2f %.2f %.4f %.3f %d\n", median, v[NR], sum / NR, v[p], NR
        }'
}

# hundred PRIORITY: a configuration of 100 instances at 10 ms (VRID i, VIP 192.0.2.(100 + i)).
hundred() {
    local i
    it_conf name=VI_1 vrid=1 prio="$1" int=0.01 vips=192.0.2.101/24
    for i in $(seq 2 100); do it_instance name="VI_$i" vrid="$i" prio="$1" int=0.01 vips="192.0.2.$((100 + i))/24"; done
}

# vip_count HOST: how many of 192.0.2.101-200 HOST holds.
vip_count() {
    ip -n "$(lab_ns "$1")" -o -4 addr show dev eth0 | awk '{ split($4, a, "/"); split(a[1], o, ".");
        if (a[1] ~ /^192\.0\.2\./ && o[4] >= 101 && o[4] <= 200) n++ } END { print n + 0 }'
}

# ---- measurements ----------------------------------------------------------------------------------------

# takeover IMPL VERSION INTERVAL REPS: R[IMPL.takeover.vVERSION] = "median worst count" of takeover − MDI (ms).
takeover() {
    local impl=$1 version=$2 int=$3 reps=$4 rep mdi wait_s
    mdi=$(it_mdi "$version" "$int" 100)
    wait_s=$(awk -v m="$mdi" 'BEGIN { print m / 1000 * 2 + 3 }')
    it_lab "bh-${impl:0:1}-v$version" a b
    it_capture
    it_start "$impl" a prio=150 version="$version" int="$int"
    it_wait "it_holds a 192.0.2.100" "$wait_s" "$impl v$version: a did not become master"
    it_start "$impl" b prio=100 version="$version" int="$int"
    sleep "$(awk -v i="$int" 'BEGIN { print i * 3 + 0.3 }')"
    local kills=()
    for ((rep = 1; rep <= reps; rep++)); do
        kills+=("$(it_now)")
        it_crash a
        it_wait "it_holds b 192.0.2.100" "$wait_s" "$impl v$version: b did not take over (repetition $rep)"
        sleep "$(awk -v i="$int" 'BEGIN { print i * 3 + 0.1 }')"
        if ((rep == reps)); then break; fi
        it_start "$impl" a prio=150 version="$version" int="$int"
        it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" "$(awk -v w="$wait_s" 'BEGIN { print w * 2 }')" \
            "$impl v$version: a did not take the VIP back (repetition $rep)"
        sleep "$(awk -v i="$int" 'BEGIN { print i * 4 + 0.2 }')"
    done
    it_capture_stop
    local adverts t last_a first_b samples=""
    adverts=$(it_adverts)
    for t in "${kills[@]}"; do
        # a stops a few milliseconds after t (forks in between); its last advert is the last before b's first.
        first_b=$(it_first "$adverts" "\$1 > $t && \$2 == \"b\" && \$4 == 100")
        last_a=$(it_last "$adverts" "\$1 < ${first_b:-0} && \$2 == \"a\" && \$4 == 150")
        [[ -n "$last_a" && -n "$first_b" ]] || it_fail "$impl v$version: adverts missing around the kill at $t"
        samples+="$(awk -v a="$last_a" -v b="$first_b" -v m="$mdi" 'BEGIN { printf "%.3f", (b - a) * 1000 - m }')"$'\n'
    done
    R[$impl.takeover.v$version]=$(printf '%s' "$samples" | stats)
    printf '  %-10s v%s %-5s takeover − MDI (ms): %s\n' "$impl" "$version" "$int" "$(tr '\n' ' ' <<<"$samples")" >&2
}

# period IMPL: R[IMPL.period] = "mean-error-% p99-ms max-ms count" of a 10 ms master; R[IMPL.rss] in kB.
period() {
    local impl=$1
    it_lab "bh-${impl:0:1}-per" a
    local rt=()
    if [[ -n "$rt_priority" ]]; then rt=("global=    vrrp_rt_priority $rt_priority"); fi
    it_start "$impl" a prio=150 int=0.01 "${rt[@]}"
    it_wait "it_holds a 192.0.2.100" 3 "$impl: a did not become master at 10 ms"
    sleep 0.5
    it_capture
    sleep 5
    it_capture_stop
    local pids
    mapfile -t pids < <(node_pids a)
    R[$impl.rss]=$(rss_kb "${pids[@]}")
    local s
    s=$(it_adverts | awk '$2 == "a" { if (last != "") printf "%.4f\n", ($1 - last) * 1000; last = $1 }' | stats)
    R[$impl.period]=$(awk '{ printf "%+.2f %.3f %.3f %d\n", ($3 - 10) / 10 * 100, $4, $2, $5 }' <<<"$s")
}

# cpu IMPL: R[IMPL.cpu] = "master-% backup-%" for 100 instances at 10 ms.
cpu() {
    local impl=$1 a0 b0 a1 b1 pids_a pids_b
    it_lab "bh-${impl:0:1}-cpu" a b
    if [[ $impl == vrrpctl ]]; then it_vrrpctl a "$(hundred 150)"; else it_keepalived a "$(hundred 150)"; fi
    it_wait "[[ \$(vip_count a) -eq 100 ]]" 10 "$impl: a did not become master of 100 instances"
    if [[ $impl == vrrpctl ]]; then it_vrrpctl b "$(hundred 100)"; else it_keepalived b "$(hundred 100)"; fi
    sleep 2
    local held=0 samples=0 count
    mapfile -t pids_a < <(node_pids a)
    mapfile -t pids_b < <(node_pids b)
    local t0 t1
    t0=$EPOCHREALTIME
    a0=$(cpu_ticks "${pids_a[@]}")
    b0=$(cpu_ticks "${pids_b[@]}")
    # Stability: how many of the 100 VIPs b holds, sampled every 0.5 s (0 when every backup stays backup).
    local end=$((SECONDS + cpu_window))
    while ((SECONDS < end)); do
        count=$(vip_count b)
        held=$((held > count ? held : count))
        samples=$((samples + 1))
        sleep 0.5
    done
    a1=$(cpu_ticks "${pids_a[@]}")
    b1=$(cpu_ticks "${pids_b[@]}")
    t1=$EPOCHREALTIME
    R[$impl.cpu]=$(awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v hz="$CLK_TCK" -v w="$(awk -v x="$t0" -v y="$t1" \
        'BEGIN { print y - x }')" -v h="$held" \
        'BEGIN { printf "%.1f %.1f %d\n", a / hz / w * 100, b / hz / w * 100, h }')
}

# ---- the run ---------------------------------------------------------------------------------------------

started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== vrrpctl: $VRRPCTL" >&2
echo "== keepalived: $(keepalived --version 2>&1 | head -n 1)" >&2
wanted() { [[ ",$parts," == *",$1,"* ]]; }
for impl in vrrpctl keepalived; do
    if wanted period; then
        echo "== $impl: advert period and RSS" >&2
        period "$impl"
    fi
    if wanted v3; then
        echo "== $impl: takeover at v3 10 ms × $reps_v3" >&2
        takeover "$impl" 3 0.01 "$reps_v3"
    fi
    if wanted v2; then
        echo "== $impl: takeover at v2 1 s × $reps_v2" >&2
        takeover "$impl" 2 1 "$reps_v2"
    fi
    if wanted cpu; then
        echo "== $impl: CPU of 100 instances at 10 ms (${cpu_window} s window)" >&2
        cpu "$impl"
    fi
done
_it_kill_all
lab_down >/dev/null 2>&1
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

field() { awk -v n="$2" '{ print $n }' <<<"${R[$1]:--  -  -  -  -}"; }
ratio() { awk -v v="$1" -v k="$2" 'BEGIN { if (v + 0 == 0) print "-"; else printf "%.2f", k / v }'; }
row() { printf '%-44s %-18s %-18s %s\n' "$1" "$2" "$3" "$4"; }

echo
printf 'failover-harness: %s, %d CPUs, load %s → %s, %d s\n' "$(uname -r)" "$(nproc)" "$load_before" \
    "$load_after" $(($(date +%s) - started))
row "metric" "vrrpctl" "keepalived" "keepalived / vrrpctl"
for v in 3 2; do
    label="takeover − MDI, v3 10 ms, median / worst"
    if [[ $v == 2 ]]; then label="takeover − MDI, v2 1 s, median / worst"; fi
    row "$label (n=$(field "vrrpctl.takeover.v$v" 5))" \
        "$(field "vrrpctl.takeover.v$v" 1) / $(field "vrrpctl.takeover.v$v" 2) ms" \
        "$(field "keepalived.takeover.v$v" 1) / $(field "keepalived.takeover.v$v" 2) ms" \
        "$(ratio "$(field "vrrpctl.takeover.v$v" 1)" "$(field "keepalived.takeover.v$v" 1)") / $(ratio \
            "$(field "vrrpctl.takeover.v$v" 2)" "$(field "keepalived.takeover.v$v" 2)")"
done
rt_label=""
if [[ -n "$rt_priority" ]]; then rt_label=", RR $rt_priority"; fi
row "advert period 10 ms$rt_label: mean error vs nominal" "$(field vrrpctl.period 1) %" \
    "$(field keepalived.period 1) %" ""
row "advert period 10 ms$rt_label: p99 / max (n=$(field vrrpctl.period 4))" \
    "$(field vrrpctl.period 2) / $(field vrrpctl.period 3) ms" \
    "$(field keepalived.period 2) / $(field keepalived.period 3) ms" \
    "$(ratio "$(field vrrpctl.period 2)" "$(field keepalived.period 2)")"
mb() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f MB", k / 1024 }'; }
row "RSS, one instance" "$(mb "${R[vrrpctl.rss]:-}")" "$(mb "${R[keepalived.rss]:-}")" \
    "$(ratio "${R[vrrpctl.rss]:-0}" "${R[keepalived.rss]:-0}")"
row "CPU, 100 instances at 10 ms, master" "$(field vrrpctl.cpu 1) %" "$(field keepalived.cpu 1) %" \
    "$(ratio "$(field vrrpctl.cpu 1)" "$(field keepalived.cpu 1)")"
row "CPU, 100 instances at 10 ms, backup" "$(field vrrpctl.cpu 2) %" "$(field keepalived.cpu 2) %" \
    "$(ratio "$(field vrrpctl.cpu 2)" "$(field keepalived.cpu 2)")"
row "  most VIPs the backup took in the window" "$(field vrrpctl.cpu 3) of 100" "$(field keepalived.cpu 3) of 100" ""
trap - EXIT
