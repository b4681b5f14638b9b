#!/usr/bin/env bash
# ops-lab.sh: the operations check of a running node, in network namespaces.
#
# Two vrrpctl nodes (a: priority 150, b: priority 100) on one bridged segment, each with a control socket and a
# metrics listener. Checks that `vrrpctl status --json` and the metrics endpoint agree with the kernel (which
# host holds the VIP) before a failover, after `vrrpctl release` on the master, after `vrrpctl restore`, and
# after the master is stopped. Prints one `ok: …` line per check and `PASS` at the end; exits non-zero on the
# first failure. Needs root, iproute2, jq and curl.
#
# Usage: Scripts/ops-lab.sh PATH-TO-vrrpctl [PREFIX]   (PREFIX defaults to vrrpsw-op; must start with vrrpsw-)
set -euo pipefail
vrrpctl=${1:?usage: ops-lab.sh PATH-TO-vrrpctl [PREFIX]}
prefix=${2:-vrrpsw-op}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=Scripts/lab.sh
. "$here/lab.sh"
lab_init "$prefix"
lab_bridge
lab_host a 192.0.2.1/24 2001:db8::1/64
lab_host b 192.0.2.2/24 2001:db8::2/64
vip=192.0.2.100
vip6=2001:db8::100

declare -A priority=([a]=150 [b]=100)
for host in a b; do
    mkdir -p "$(lab_dir "$host")"
    cat >"$(lab_dir "$host")/keepalived.conf" <<CONF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority[$host]}
    advert_int 0.1
    version 3
    virtual_ipaddress {
        $vip/24
    }
}
vrrp_instance VI_6 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority ${priority[$host]}
    advert_int 0.1
    version 3
    virtual_ipaddress {
        $vip6/64
    }
}
CONF
    # Each node's socket lives in the lab directory; the metrics listener is on the host's loopback.
    ip netns exec "$(lab_ns "$host")" "$vrrpctl" run -f "$(lab_dir "$host")/keepalived.conf" \
        --control-socket "$(lab_dir "$host")/control.sock" --metrics-listen 127.0.0.1:9650 \
        >"$(lab_dir "$host")/vrrpctl.log" 2>&1 &
    _lab_track_pid $!
done

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    for host in a b; do
        printf -- '--- %s log\n' "$host" >&2
        tail -n 20 "$(lab_dir "$host")/vrrpctl.log" >&2 || true
    done
    exit 1
}

status_of() { "$vrrpctl" status --json --socket "$(lab_dir "$1")/control.sock"; }
state_of() { status_of "$1" | jq -r '.instances[0].state'; }
present_of() { status_of "$1" | jq -r '.instances[0].virtualAddresses[0].present'; }
# metric_of HOST SERIES-PREFIX: the value of the first series whose name and labels start with SERIES-PREFIX.
metric_of() {
    lab_exec "$1" curl -sf --max-time 2 http://127.0.0.1:9650/metrics |
        awk -v m="$2" 'index($0, m) == 1 && $0 !~ /^#/ { print $NF; exit }'
}
kernel_holds() { lab_has_address "$1" "$vip"; }
# num_is VALUE EXPECTED: numeric equality (Prometheus prints gauges as 2.0).
num_is() { awk -v v="$1" -v e="$2" 'BEGIN { exit !(v != "" && v + 0 == e + 0) }'; }

# check HOLDER OTHER: the kernel, status and metrics agree that HOLDER is master with the VIP and OTHER is not.
check() {
    local holder=$1 other=$2 what=$3
    lab_wait_for "kernel_holds $holder && ! kernel_holds $other" 5 ||
        fail "$what: kernel: $holder should hold $vip alone"
    lab_wait_for "[[ \$(state_of $holder) == MASTER ]]" 3 || fail "$what: status of $holder is $(state_of "$holder")"
    [[ $(present_of "$holder") == true ]] || fail "$what: status of $holder says the VIP is not present"
    [[ $(present_of "$other") == false ]] || fail "$what: status of $other says the VIP is present"
    local m
    m=$(metric_of "$holder" "keepalived_vrrp_state{iname=\"VI_1\"") || true
    num_is "$m" 2 || fail "$what: keepalived_vrrp_state on $holder is '$m', not 2"
    m=$(metric_of "$holder" "vrrp_vip_present{iname=\"VI_1\"") || true
    num_is "$m" 1 || fail "$what: vrrp_vip_present on $holder is '$m', not 1"
    m=$(metric_of "$other" "vrrp_vip_present{iname=\"VI_1\"") || true
    num_is "$m" 0 || fail "$what: vrrp_vip_present on $other is '$m', not 0"
    printf 'ok: %s: %s holds %s (kernel, status, metrics agree)\n' "$what" "$holder" "$vip"
}

lab_wait_for "[[ -S '$(lab_dir a)/control.sock' && -S '$(lab_dir b)/control.sock' ]]" 5 || fail "no control sockets"
check a b "election"
# The IPv6 instance: a holds 2001:db8::100; status and metrics say so on both nodes.
lab_wait_for "lab_has_address a $vip6 && ! lab_has_address b $vip6" 5 || fail "IPv6: a should hold $vip6 alone"
v6state=$(status_of a | jq -r '.instances[1] | "\(.family) \(.state) \(.virtualAddresses[0].present)"')
[[ "$v6state" == "ipv6 MASTER true" ]] ||
    fail "IPv6: status of a: $(status_of a | jq -c '.instances[1]')"
[[ $(status_of b | jq -r '.instances[1] | "\(.state) \(.virtualAddresses[0].present)"') == "BACKUP false" ]] ||
    fail "IPv6: status of b: $(status_of b | jq -c '.instances[1]')"
num_is "$(metric_of a "vrrp_vip_present{iname=\"VI_6\",intf=\"eth0\",vrid=\"52\",ip_address=\"$vip6\"}")" 1 ||
    fail "IPv6: vrrp_vip_present on a is not 1"
printf 'ok: IPv6 election: a holds %s (kernel, status, metrics agree)\n' "$vip6"
[[ $(stat -c %a "$(lab_dir a)/control.sock") == 600 ]] || fail "control socket mode is not 0600"
printf 'ok: control socket mode 0600\n'
[[ $(state_of b) == BACKUP ]] || fail "b is $(state_of b), not BACKUP"
[[ $(status_of b | jq -r '.instances[0].master.address') == 192.0.2.1 ]] || fail "b does not see a as master"
age=$(status_of b | jq -r '.instances[0].master.lastAdvertisementAgoMs')
awk -v a="$age" 'BEGIN { exit !(a >= 0 && a < 500) }' || fail "b's last advert from the master is $age ms old"
printf 'ok: b sees master 192.0.2.1, last advert %s ms ago\n' "$age"

# The segment as vrrpctl watch sees it from the bridge: a is the one master, no problem.
watch=$("$vrrpctl" watch --netns "$(lab_ns br)" -i br0 --json --duration 1.5 | tail -n 1)
[[ $(jq -r '.type' <<<"$watch") == summary ]] || fail "watch printed no summary: $watch"
[[ $(jq -r '.routers[0].master' <<<"$watch") == 192.0.2.1 ]] || fail "watch does not see a as master: $watch"
[[ $(jq -r '.problems' <<<"$watch") == 0 ]] || fail "watch reports problems on a healthy segment: $watch"
printf 'ok: vrrpctl watch on the bridge: master 192.0.2.1, period %s ms, no problems\n' \
    "$(jq -r '.routers[0].speakers[0].periodMs' <<<"$watch")"

# A split brain made on purpose: b stops hearing a (nftables drops a's adverts in b), so both advertise.
# vrrpctl watch must report it live, and again from a capture of it.
lab_capture_start "$(lab_dir)/split.pcap"
lab_exec b nft -f - <<'NFT'
table inet vrrpsw_op {
    chain input {
        type filter hook input priority 0; policy accept;
        ip saddr 192.0.2.1 ip protocol vrrp drop
    }
}
NFT
live=$("$vrrpctl" watch --netns "$(lab_ns br)" -i br0 --json --duration 2)
lab_exec b nft delete table inet vrrpsw_op
lab_wait_for "[[ \$(state_of b) == BACKUP ]]" 3 || fail "b did not return to BACKUP after the split"
lab_capture_stop
grep -q '"kind":"split-brain"' <<<"$live" || fail "live watch did not report the split brain: $live"
printf 'ok: live watch reports the split brain: %s\n' "$(grep -m1 '"kind":"split-brain"' <<<"$live" | jq -r .detail)"
replay=$("$vrrpctl" watch --pcap "$(lab_dir)/split.pcap" --json)
grep -q '"kind":"split-brain"' <<<"$replay" || fail "watch --pcap did not report the split brain: $replay"
printf 'ok: watch --pcap over the capture reports it too\n'
check a b "after the split healed"

"$vrrpctl" release VI_1 --socket "$(lab_dir a)/control.sock" >/dev/null || fail "release refused"
check b a "after release of a"
[[ $(status_of a | jq -r '.instances[0].released') == true ]] || fail "a does not say it is released"
[[ $(state_of a) == FAULT ]] || fail "released a is $(state_of a), not FAULT"
printf 'ok: released a is FAULT and says so\n'
takeover=$(status_of b | jq -r '.instances[0].lastTakeover.firstAnnouncementMs')
[[ "$takeover" != null ]] || fail "b has no takeover timing"
printf 'ok: b took over: first GARP %s ms after the decision\n' "$takeover"
transitions=$(metric_of b 'vrrp_transitions_total{iname="VI_1",intf="eth0",vrid="51",from="BACKUP",to="MASTER"') || true
awk -v t="${transitions:-0}" 'BEGIN { exit !(t >= 1) }' || fail "b's metrics count no BACKUP→MASTER transition"
printf 'ok: metrics count %s BACKUP→MASTER transition(s) on b\n' "$transitions"

"$vrrpctl" restore VI_1 --socket "$(lab_dir a)/control.sock" >/dev/null || fail "restore refused"
check a b "after restore of a (preempts)"
since=$(status_of a | jq -r '.instances[0].since')
"$vrrpctl" reload --socket "$(lab_dir a)/control.sock" >/dev/null || fail "reload refused"
sleep 0.5
check a b "after vrrpctl reload of a"
[[ $(status_of a | jq -r '.instances[0].since') == "$since" ]] || fail "reload of an unchanged file changed a's state"
printf 'ok: the reload kept a MASTER without a transition (since %s)\n' "$since"
if [[ -n "${OPS_LAB_SHOW_METRICS:-}" ]]; then lab_exec a curl -sf http://127.0.0.1:9650/metrics; fi

lab_kill a TERM all
lab_wait_gone a 10 || fail "a did not stop"
lab_wait_for "kernel_holds b" 5 || fail "b did not take over after a stopped"
check_b_only() {
    [[ $(state_of b) == MASTER && $(present_of b) == true ]] || fail "after stop of a: b status disagrees"
    num_is "$(metric_of b "vrrp_vip_present{iname=\"VI_1\"")" 1 || fail "after stop of a: b metrics disagree"
    ! kernel_holds a || fail "a still holds the VIP after a clean stop"
}
check_b_only
printf 'ok: after stop of a: b holds %s (kernel, status, metrics agree)\n' "$vip"
"$vrrpctl" status --socket "$(lab_dir a)/control.sock" >/dev/null 2>&1 && fail "status of a stopped node succeeded"
refusal=$("$vrrpctl" status --socket "$(lab_dir a)/control.sock" 2>&1 || true)
printf 'ok: status of the stopped node fails clearly: %s\n' "$refusal"
echo PASS
