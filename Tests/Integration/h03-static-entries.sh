#!/usr/bin/env bash
# static_ipaddress / static_routes / static_rules, judged from the kernel, with keepalived 2.2.7 and then vrrpctl
# on the same file: at startup the node holds 192.0.2.50 and 192.0.2.51 (no_track) on eth0, the route
# 192.0.2.192/26 dev eth0 in table 100 and the rule `from 192.0.2.50 lookup 100` at priority 200. Deleted by an
# operator, the address comes back within a second and the no_track address stays gone. On SIGTERM the node takes
# them all away. vrrpctl also puts a deleted static route or rule back, as keepalived's reinstate_static_route /
# reinstate_static_rule mean to; keepalived 2.2.7 was seen not to (it only watches routes and rules for instances'
# virtual ones), so for keepalived what it did is printed, not required. What the two install must be the same in
# the kernel, field for field (ip -j: the two addresses, table 100, the rules).
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init static-entries keepalived jq

statics='static_ipaddress {\n    192.0.2.50/24 dev eth0\n    192.0.2.51/24 dev eth0 no_track\n}\n'
statics+='static_routes {\n    192.0.2.192/26 dev eth0 table 100\n}\n'
statics+='static_rules {\n    from 192.0.2.50 table 100 priority 200\n}'

# has_route: the static route is in a's table 100.
has_route() {
    ip -n "$(lab_ns a)" -j route show table 100 2>/dev/null |
        jq -e 'map(select(.dst == "192.0.2.192/26" and .dev == "eth0")) | length == 1' >/dev/null
}

# has_rule: the static rule is in a's IPv4 rules.
has_rule() {
    ip -n "$(lab_ns a)" -j rule show 2>/dev/null |
        jq -e 'map(select(.priority == 200 and .src == "192.0.2.50" and .table == "100")) | length == 1' >/dev/null
}

# static_state: a's static addresses, table 100 and rules as one sorted JSON document.
static_state() {
    local ns
    ns=$(lab_ns a)
    jq -n -S --argjson a "$(ip -n "$ns" -j addr show dev eth0)" --argjson r "$(ip -n "$ns" -j route show table 100)" \
        --argjson u "$(ip -n "$ns" -j rule show)" '{
            addresses: ([$a[].addr_info[] | select(.local == "192.0.2.50" or .local == "192.0.2.51")
                | del(.valid_life_time, .preferred_life_time)] | sort_by(.local)),
            routes: ($r | sort_by(.dst)), rules: ($u | sort_by(.priority))}'
}

declare -A installed_state

# static_case SUFFIX IMPLEMENTATION
static_case() {
    local implementation=$2 config
    it_lab "$1" a
    config="$(printf '%b' "$statics")
$(it_conf prio=100)"
    if [[ "$implementation" == keepalived ]]; then it_keepalived a "$config"; else it_vrrpctl a "$config"; fi
    it_wait "lab_has_address a 192.0.2.50 && lab_has_address a 192.0.2.51 && has_route && has_rule" 5 \
        "$implementation did not install the static address, route and rule"
    installed_state[$implementation]=$(static_state)

    ip -n "$(lab_ns a)" addr del 192.0.2.50/24 dev eth0 || it_fail "could not delete the static address"
    it_wait "lab_has_address a 192.0.2.50" 1 "$implementation did not put the deleted static address back"
    local what restored=()
    ip -n "$(lab_ns a)" route del 192.0.2.192/26 table 100 || it_fail "could not delete the static route"
    ip -n "$(lab_ns a)" rule del pref 200 || it_fail "could not delete the static rule"
    for what in route rule; do
        if [[ "$implementation" == vrrpctl ]]; then
            it_wait "has_$what" 1 "vrrpctl did not put the deleted static $what back"
            restored+=("$what")
        elif lab_wait_for "has_$what" 1 2>/dev/null; then
            restored+=("$what")
        fi
    done
    ip -n "$(lab_ns a)" addr del 192.0.2.51/24 dev eth0 || it_fail "could not delete the no_track address"
    it_never "lab_has_address a 192.0.2.51" 1 "$implementation put the no_track static address back"

    kill -TERM "${IT_PID[a]}"
    it_wait "! _lab_alive ${IT_PID[a]}" 5 "$implementation in a did not exit within 5 s of SIGTERM"
    wait "${IT_PID[a]}" 2>/dev/null
    it_check "! lab_has_address a 192.0.2.50" "$implementation left the static address behind at stop"
    it_check "! has_route" "$implementation left the static route behind at stop"
    it_check "! has_rule" "$implementation left the static rule behind at stop"
    printf '  %s: installed at start; put back when deleted: address %s; no_track left; all gone at stop\n' \
        "$implementation" "${restored[*]}"
}

static_case stk keepalived
static_case stv vrrpctl
if [[ "${installed_state[keepalived]}" != "${installed_state[vrrpctl]}" ]]; then
    diff <(printf '%s\n' "${installed_state[keepalived]}") <(printf '%s\n' "${installed_state[vrrpctl]}") | head -n 40
    it_fail "vrrpctl installs the static entries differently from keepalived 2.2.7 (diff above: < keepalived)"
fi
printf '  the same file: keepalived 2.2.7 and vrrpctl install the same %s addresses, %s routes, %s rules\n' \
    "$(jq '.addresses | length' <<<"${installed_state[vrrpctl]}")" \
    "$(jq '.routes | length' <<<"${installed_state[vrrpctl]}")" "$(jq '.rules | length' <<<"${installed_state[vrrpctl]}")"
it_pass
