#!/usr/bin/env bash
# A VIP deleted behind the master's back (`ip addr del` by an operator or another tool), judged from the kernel
# and the wire, for vrrpctl and for keepalived 2.2.7 as the master (b is vrrpctl at priority 100 each time).
# a (150) holds VI_1's VIP 192.0.2.100 and the excluded 192.0.2.101 written `no_track`.
#   - Deleting the no_track address changes nothing: no priority-0 advert, a keeps the VIP.
#   - Deleting the VIP: a sends priority 0 and steps down (keepalived's set_vrrp_backup), then, the best router
#     on the segment, takes over again after its own Skew_Time and puts the VIP back; b never advertises.
# Both implementations must show the same sequence; the time from a's priority 0 to its next advert is printed.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init vip-deleted keepalived

excluded='    virtual_ipaddress_excluded {\n        192.0.2.101/24 no_track\n    }'

# deleted_case SUFFIX IMPLEMENTATION: a runs IMPLEMENTATION (vrrpctl or keepalived).
deleted_case() {
    local implementation=$2
    it_lab "$1" a b
    it_capture
    local config
    config=$(it_conf prio=150 extra="$excluded")
    if [[ "$implementation" == keepalived ]]; then it_keepalived a "$config"; else it_vrrpctl a "$config"; fi
    it_wait "it_holds a 192.0.2.100 && it_holds a 192.0.2.101" 5 "$implementation a did not take the VIPs"
    it_vrrpctl b "$(it_conf prio=100 extra="$excluded")"
    sleep 0.5
    it_check "! it_holds b 192.0.2.100" "b holds the VIP while $implementation a is master"

    local t_untracked t_tracked
    t_untracked=$(it_now)
    ip -n "$(lab_ns a)" addr del 192.0.2.101/24 dev eth0 || it_fail "could not delete the no_track address in a"
    it_never "! it_holds a 192.0.2.100" 0.5 "$implementation a dropped the VIP when a no_track address went"
    t_tracked=$(it_now)
    ip -n "$(lab_ns a)" addr del 192.0.2.100/24 dev eth0 || it_fail "could not delete the VIP in a"
    it_wait "it_holds a 192.0.2.100" 2 "$implementation a did not put the VIP back"
    sleep 0.5
    it_capture_stop

    local adverts early zero back skew took n_b
    adverts=$(it_adverts)
    early=$(it_count "$adverts" "\$1 > $t_untracked && \$1 < $t_tracked && \$2 == \"a\" && \$4 == 0")
    ((early == 0)) || it_fail "$implementation a sent priority 0 when the no_track address was deleted"
    zero=$(it_first "$adverts" "\$1 > $t_tracked && \$2 == \"a\" && \$4 == 0")
    [[ -n "$zero" ]] || it_fail "$implementation a sent no priority-0 advert when its VIP was deleted"
    back=$(it_first "$adverts" "\$1 > $zero && \$2 == \"a\" && \$4 == 150")
    [[ -n "$back" ]] || it_fail "$implementation a never advertised again after stepping down"
    n_b=$(it_count "$adverts" "\$1 > $t_tracked && \$2 == \"b\"")
    ((n_b == 0)) || it_fail "b advertised $n_b times although $implementation a came back first"
    took=$(it_ms "$zero" "$back")
    skew=$(it_skew 3 0.1 150)
    it_between "$took" 0 "$(awk -v s="$skew" 'BEGIN { print s + 100 }')" ||
        it_fail "$implementation a came back $took ms after its priority 0; its Skew_Time is $skew ms (bound +100)"
    printf '  %s: VIP deleted → priority 0, back as master after %s ms (Skew_Time %s ms); no_track ignored\n' \
        "$implementation" "$took" "$skew"
}

deleted_case vdk keepalived
deleted_case vdv vrrpctl
it_pass
