#!/usr/bin/env bash
# virtual_routes / virtual_rules move with the VIP, judged from the kernel (ip -j route / ip -j rule). a (150) and b
# (100) share VI_1 (.100) with routes in table 100 (192.0.2.128/25 dev eth0 metric 7, a blackhole 192.0.2.200/32,
# 2001:db8::/64 dev eth0 metric 9) and rules `from 192.0.2.100 table 100 priority 100` and
# `from 2001:db8::100 table 100 priority 101`. The master has the routes (protocol keepalived) and the rules,
# the backup has none of them; a SIGHUP with the file unchanged never takes them away; SIGKILL of a → b
# has them; SIGTERM of b → they are gone from b together with its VIP.
# Deleted behind the master's back (keepalived's netlink_route_filter / netlink_rule_filter): an operator's
# `ip route del` of a tracked virtual route, or `ip rule del` of a virtual rule, sends the master to BACKUP (VIP,
# routes and rules off), and it takes over again with everything reinstalled; a `no_track` route (192.0.2.32/27)
# deleted changes nothing.
# Last, the same file under keepalived 2.2.7 and under vrrpctl, each alone as master: the routes and rules in the
# kernel (ip -j, sorted) must be the same, field for field.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init virtual-routes keepalived
command -v jq >/dev/null || it_skip "jq is missing"

routes='    virtual_routes {\n        192.0.2.128/25 dev eth0 table 100 metric 7\n'
routes+='        blackhole 192.0.2.200/32 table 100\n        2001:db8::/64 dev eth0 table 100 metric 9\n'
routes+='        192.0.2.32/27 dev eth0 table 100 no_track\n    }\n'
routes+='    virtual_rules {\n        from 192.0.2.100 table 100 priority 100\n'
routes+='        from 2001:db8::100 table 100 priority 101\n    }'

# has_routes HOST: both virtual routes are in table 100 of HOST, installed as keepalived installs them.
has_routes() {
    local ns
    ns=$(lab_ns "$1")
    ip -n "$ns" -j route show table 100 2>/dev/null | jq -e '
        (map(select(.dst == "192.0.2.128/25" and .dev == "eth0" and .metric == 7 and .protocol == "keepalived"))
            | length == 1)
        and (map(select(.dst == "192.0.2.200" and .type == "blackhole")) | length == 1)' >/dev/null &&
        ip -n "$ns" -6 -j route show table 100 2>/dev/null | jq -e '
            map(select(.dst == "2001:db8::/64" and .metric == 9 and .protocol == "keepalived")) | length == 1' \
            >/dev/null
}

# has_any_route HOST: any route at all, IPv4 or IPv6, in table 100 of HOST.
has_any_route() {
    ip -n "$(lab_ns "$1")" -j route show table 100 2>/dev/null | jq -e 'length > 0' >/dev/null ||
        ip -n "$(lab_ns "$1")" -6 -j route show table 100 2>/dev/null | jq -e 'length > 0' >/dev/null
}

# has_rule HOST: the IPv4 and IPv6 virtual rules are in HOST's rule lists.
has_rule() {
    ip -n "$(lab_ns "$1")" -j rule show 2>/dev/null | jq -e '
        map(select(.priority == 100 and .src == "192.0.2.100" and .table == "100" and .protocol == "keepalived"))
            | length == 1' >/dev/null &&
        ip -n "$(lab_ns "$1")" -6 -j rule show 2>/dev/null | jq -e '
            map(select(.priority == 101 and .src == "2001:db8::100" and .table == "100")) | length == 1' >/dev/null
}

# has_any_rule HOST: either virtual rule is in HOST's rule lists.
has_any_rule() {
    ip -n "$(lab_ns "$1")" -j rule show 2>/dev/null | jq -e 'map(select(.priority == 100)) | length > 0' \
        >/dev/null ||
        ip -n "$(lab_ns "$1")" -6 -j rule show 2>/dev/null | jq -e 'map(select(.priority == 101)) | length > 0' \
            >/dev/null
}

it_lab vrt a b
it_vrrpctl a "$(it_conf prio=150 extra="$routes")"
it_wait "it_holds a 192.0.2.100 && has_routes a && has_rule a" 5 "a (priority 150) did not take the VIP, routes and rule"
it_vrrpctl b "$(it_conf prio=100 extra="$routes")"
it_never "it_holds b 192.0.2.100 || has_any_route b || has_any_rule b" 1 "the backup b installed the VIP, a route or the rule"
it_check "has_routes a && has_rule a" "a lost its routes or rule while b started"

kill -HUP "${IT_PID[a]}"
it_never "! has_routes a || ! has_rule a" 1 "a reload with an unchanged file took a's routes or rule away"
it_alive a || it_fail "vrrpctl in a exited on SIGHUP"

# deleted_behind_back WHAT COMMAND…: COMMAND, run in a, deletes a tracked WHAT; a must drop the VIP, log it and take
# everything back.
deleted_behind_back() {
    local what=$1
    shift
    ip -n "$(lab_ns a)" "$@" || it_fail "could not run ip $* in a"
    it_wait "! it_holds a 192.0.2.100" 1 "a kept the VIP after its virtual $what was deleted"
    grep -q "(VI_1) virtual $what .* was deleted; going to BACKUP" "$(lab_dir a)/vrrpctl.log" ||
        it_fail "a did not log its deleted virtual $what"
    it_wait "it_holds a 192.0.2.100 && has_routes a && has_rule a" 8 \
        "a did not take the VIP back and reinstall its routes and rules after the $what was deleted"
    printf '  a went to BACKUP when its virtual %s was deleted, and took everything back\n' "$what"
}
ip -n "$(lab_ns a)" route del 192.0.2.32/27 table 100 || it_fail "could not delete the no_track route in a"
it_never "! it_holds a 192.0.2.100" 1 "deleting a no_track route took a out of MASTER"
deleted_behind_back route route del 192.0.2.128/25 table 100
deleted_behind_back rule rule del pref 100

it_crash a
it_wait "it_holds b 192.0.2.100 && has_routes b && has_rule b" 2 "b did not take the VIP, routes and rule after SIGKILL of a"
printf '  b took the VIP, the three routes and the two rules after SIGKILL of the master\n'

kill -TERM "${IT_PID[b]}"
it_wait "! _lab_alive ${IT_PID[b]}" 2 "vrrpctl in b did not exit within 2 s of SIGTERM"
wait "${IT_PID[b]}" 2>/dev/null
it_check "! lab_has_address b 192.0.2.100" "b left the VIP behind after SIGTERM"
it_check "! has_any_route b" "b left a route in table 100 behind after SIGTERM"
it_check "! has_any_rule b" "b left a rule behind after SIGTERM"
grep -q "(VI_1) setting Virtual Routes" "$(lab_dir b)/vrrpctl.log" || it_fail "b did not log setting Virtual Routes"
grep -q "(VI_1) removing Virtual Rules" "$(lab_dir b)/vrrpctl.log" || it_fail "b did not log removing Virtual Rules"

# installed IMPLEMENTATION SUFFIX: a alone runs the file under IMPLEMENTATION; sets `installed_json` to a's table 100
# routes and its rules, both families, sorted, as one JSON document. (Run in this shell, not in $(…): a lab made
# in a subshell would outlive it.)
installed() {
    it_lab "$2" a
    if [[ "$1" == keepalived ]]; then
        it_keepalived a "$(it_conf prio=150 extra="$routes")"
    else
        it_vrrpctl a "$(it_conf prio=150 extra="$routes")"
    fi
    it_wait "it_holds a 192.0.2.100 && has_routes a && has_rule a" 5 "$1 did not install the VIP, routes and rules"
    sleep 0.3
    local ns
    ns=$(lab_ns a)
    installed_json=$(jq -n -S --argjson r4 "$(ip -n "$ns" -j route show table 100)" \
        --argjson r6 "$(ip -n "$ns" -6 -j route show table 100)" \
        --argjson u4 "$(ip -n "$ns" -j rule show)" --argjson u6 "$(ip -n "$ns" -6 -j rule show)" \
        '{routes: (($r4 + $r6) | sort_by(.dst)), rules: (($u4 + $u6) | sort_by(.priority, .src))}')
}
installed keepalived vrk
reference=$installed_json
installed vrrpctl vrv
ours=$installed_json
if [[ "$reference" != "$ours" ]]; then
    diff <(printf '%s\n' "$reference") <(printf '%s\n' "$ours") | head -n 40
    it_fail "vrrpctl installs other routes or rules than keepalived 2.2.7 for the same file (diff above: < keepalived)"
fi
printf '  the same file: keepalived 2.2.7 and vrrpctl install the same %s routes and rules\n' \
    "$(jq '(.routes | length) + (.rules | length)' <<<"$ours")"
it_pass
