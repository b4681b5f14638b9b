#!/usr/bin/env bash
# Failover checklist: graceful stop. SIGTERM to the master → a priority-0 advert on the wire, the VIP gone from
# a, the process gone within a second, and b's first advert within Skew_Time (RFC 5798 §6.4.2: a backup that
# hears priority 0 sets its Master_Down_Timer to Skew_Time) plus 60 ms. VRRPv3 at 100 ms, then VRRPv2 at 1 s.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init graceful-stop

# stop_case SUFFIX VERSION INTERVAL STARTUP-WAIT
stop_case() {
    local version=$2 int=$3
    it_lab "$1" a b
    it_capture
    it_vrrpctl a "$(it_conf prio=150 version="$version" int="$int")"
    it_wait "it_holds a 192.0.2.100" "$4" "v$version: a (priority 150) did not take the VIP"
    it_vrrpctl b "$(it_conf prio=100 version="$version" int="$int")"
    sleep "$(awk -v i="$int" 'BEGIN { print i * 2.5 }')"
    it_check "! it_holds b 192.0.2.100" "v$version: b holds the VIP while a is master"

    local t_term
    t_term=$(it_now)
    kill -TERM "${IT_PID[a]}"
    it_wait "! _lab_alive ${IT_PID[a]}" 1 "v$version: vrrpctl in a did not exit within 1 s of SIGTERM"
    wait "${IT_PID[a]}" 2>/dev/null
    it_check "! lab_has_address a 192.0.2.100" "v$version: a left the VIP behind after a clean stop"
    it_wait "it_holds b 192.0.2.100" "$(awk -v i="$int" 'BEGIN { print i + 1 }')" \
        "v$version: b did not take the VIP after a stopped"
    sleep "$(awk -v i="$int" 'BEGIN { print i * 2 }')"
    it_capture_stop

    local adverts zero first_b took skew n
    adverts=$(it_adverts)
    zero=$(it_first "$adverts" "\$1 > $t_term && \$2 == \"a\" && \$4 == 0")
    [[ -n "$zero" ]] || it_fail "v$version: no priority-0 advert from a after SIGTERM"
    n=$(it_count "$adverts" "\$1 > $zero && \$2 == \"a\"")
    ((n == 0)) || it_fail "v$version: a sent $n adverts after its priority-0 advert"
    first_b=$(it_first "$adverts" "\$1 > $zero && \$2 == \"b\" && \$4 == 100")
    [[ -n "$first_b" ]] || it_fail "v$version: no advert from b after a's priority 0"
    took=$(it_ms "$zero" "$first_b")
    skew=$(it_skew "$version" "$int" 100)
    it_between "$took" "$(awk -v s="$skew" 'BEGIN { print s - 5 }')" "$(awk -v s="$skew" 'BEGIN { print s + 60 }')" ||
        it_fail "v$version: b's first advert came $took ms after a's priority 0; Skew_Time is $skew ms (bound +60)"
    printf '  v%s: priority 0 → b advertised after %s ms (Skew_Time %s ms)\n' "$version" "$took" "$skew"
}

stop_case gs3 3 0.1 5
stop_case gs2 2 1 6
it_pass
