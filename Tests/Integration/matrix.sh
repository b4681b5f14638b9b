#!/usr/bin/env bash
# matrix.sh: the interoperability matrix. vrrpctl against each peer implementation (vrrpctl, keepalived, FRR's
# vrrpd) for every protocol version (3, 2), address family (ipv4, ipv6), transport (multicast, unicast) and
# authentication (none, pass) that can exist, each pairing in both roles; one pairing per run, judged by `it_pair`
# (common.sh): the right master, its peer backup and silent, takeover after Master_Down_Interval when the master
# is killed, preemption when it comes back, handover within Skew_Time when it stops gracefully.
#
#     matrix.sh MASTER BACKUP VERSION FAMILY TRANSPORT AUTH   one pairing, e.g. keepalived vrrpctl 3 ipv6 unicast none
#     matrix.sh --list                                        every pairing, one a line, as the arguments above
#     matrix.sh --impossible                                  "PEER VERSION FAMILY TRANSPORT AUTH: reason" for every
#                                                             combination that cannot exist
#
# Listing needs neither root nor the peers. `swift test --filter IntegrationTests` runs each listed pairing as its
# own test case (Tests/VRRPCtlTests/IntegrationScenario.swift). Timing: v3 at 100 ms; v2 at 1 s, the shortest
# interval its wire field (whole seconds) can carry, which keepalived and vrrpd both round to.
set -uo pipefail

MX_PEERS=(vrrpctl keepalived frr)
MX_VERSIONS=(3 2)
MX_FAMILIES=(ipv4 ipv6)
MX_TRANSPORTS=(multicast unicast)
MX_AUTHS=(none pass)

# mx_impossible PEER VERSION FAMILY TRANSPORT AUTH: why vrrpctl and PEER cannot pair that way (nothing when they
# can). The first rule that applies gives the reason; each was checked against the peer's documentation or source
# and against keepalived 2.2.7 / FRR 8.4 as installed here.
mx_impossible() {
    local peer=$1 version=$2 family=$3 transport=$4 auth=$5
    if [[ $auth == pass && $version == 3 ]]; then
        printf '%s\n' "VRRPv3 has no authentication (RFC 5798 removed it): keepalived 2.2.7 says \"VRRP version 3" \
            "does not support authentication. Ignoring.\", vrrpctl warns auth-ignored; this is v3 without auth"
    elif [[ $peer == frr && $version == 2 && $family == ipv6 ]]; then
        printf '%s\n' "VRRPv2 (RFC 3768) is IPv4 only and FRR's vrrpd refuses 'vrrp N ipv6' under version 2;" \
            "VRRPv2 over IPv6 exists only as keepalived's own format, which vrrpctl speaks (warning v2-over-ipv6)"
    elif [[ $peer == keepalived && $version == 2 && $family == ipv6 && $auth == pass ]]; then
        printf '%s\n' "keepalived 2.2.7's own v2 over IPv6 sends PASS as auth type 1 without the password, and" \
            "checks a received password at an offset it takes from an IPv4 total length that IPv6 does not have" \
            "(vrrp.c vrrp_check_packet reads it from the VRRP header's priority and count octets), outside the" \
            "packet: seen here, its VRRP child process died on vrrpctl's adverts and was respawned, so it missed" \
            "a priority-0 advert and a restarted keepalived master never preempted"
    elif [[ $peer == frr && $transport == unicast ]]; then
        printf '%s\n' "FRR's vrrpd has no unicast mode: no unicast peer command (doc/user/vrrp.rst), its receive" \
            "socket is bound to the VRRP group and it sends only to the group (vrrpd/vrrp.c vrrp_socket)"
    elif [[ $peer == frr && $auth == pass ]]; then
        printf '%s\n' "FRR's vrrpd implements no authentication (doc/user/vrrp.rst): it sends auth type 0 and" \
            "drops v2 adverts of any other auth type (vrrpd/vrrp_packet.c)"
    fi
}

# mx_combinations: every PEER VERSION FAMILY TRANSPORT AUTH, one a line.
mx_combinations() {
    local peer version family transport auth
    for peer in "${MX_PEERS[@]}"; do
        for version in "${MX_VERSIONS[@]}"; do
            for family in "${MX_FAMILIES[@]}"; do
                for transport in "${MX_TRANSPORTS[@]}"; do
                    for auth in "${MX_AUTHS[@]}"; do
                        printf '%s %s %s %s %s\n' "$peer" "$version" "$family" "$transport" "$auth"
                    done
                done
            done
        done
    done
}

# mx_list: the pairings that can exist as "MASTER BACKUP VERSION FAMILY TRANSPORT AUTH"; a peer other than
# vrrpctl in both roles, vrrpctl with vrrpctl once (its two roles are the same).
mx_list() {
    local peer version family transport auth
    while read -r peer version family transport auth; do
        [[ -z "$(mx_impossible "$peer" "$version" "$family" "$transport" "$auth")" ]] || continue
        printf '%s vrrpctl %s %s %s %s\n' "$peer" "$version" "$family" "$transport" "$auth"
        if [[ $peer != vrrpctl ]]; then
            printf 'vrrpctl %s %s %s %s %s\n' "$peer" "$version" "$family" "$transport" "$auth"
        fi
    done < <(mx_combinations)
}

# mx_list_impossible: "PEER VERSION FAMILY TRANSPORT AUTH: reason" for each combination that cannot exist.
mx_list_impossible() {
    local peer version family transport auth reason
    while read -r peer version family transport auth; do
        reason=$(mx_impossible "$peer" "$version" "$family" "$transport" "$auth")
        [[ -n "$reason" ]] || continue
        printf '%s %s %s %s %s: %s\n' "$peer" "$version" "$family" "$transport" "$auth" "${reason//$'\n'/ }"
    done < <(mx_combinations)
}

mx_usage() {
    printf 'usage: %s MASTER BACKUP VERSION FAMILY TRANSPORT AUTH | --list | --impossible\n' "$0" >&2
    printf '  MASTER, BACKUP: vrrpctl|keepalived|frr (one of them vrrpctl); VERSION: 3|2; FAMILY: ipv4|ipv6;\n' >&2
    printf '  TRANSPORT: multicast|unicast; AUTH: none|pass\n' >&2
    exit 2
}

# mx_initial IMPL: the letter of IMPL in lab names.
mx_initial() {
    case $1 in
        vrrpctl) echo v ;;
        keepalived) echo k ;;
        frr) echo f ;;
        *) return 1 ;;
    esac
}

case ${1:-} in
    --list)
        mx_list
        exit 0
        ;;
    --impossible)
        mx_list_impossible
        exit 0
        ;;
    "" | -h | --help) mx_usage ;;
    *) ;;
esac

(($# == 6)) || mx_usage
MX_MASTER=$1 MX_BACKUP=$2 MX_VERSION=$3 MX_FAMILY=$4 MX_TRANSPORT=$5 MX_AUTH=$6
if ! mx_initial "$MX_MASTER" >/dev/null || ! mx_initial "$MX_BACKUP" >/dev/null; then mx_usage; fi
[[ $MX_MASTER == vrrpctl || $MX_BACKUP == vrrpctl ]] || mx_usage
[[ $MX_VERSION =~ ^[23]$ && $MX_FAMILY =~ ^ipv[46]$ && $MX_TRANSPORT =~ ^(multicast|unicast)$ &&
    $MX_AUTH =~ ^(none|pass)$ ]] || mx_usage
MX_PEER=$MX_MASTER
if [[ $MX_PEER == vrrpctl ]]; then MX_PEER=$MX_BACKUP; fi
reason=$(mx_impossible "$MX_PEER" "$MX_VERSION" "$MX_FAMILY" "$MX_TRANSPORT" "$MX_AUTH")
if [[ -n "$reason" ]]; then
    printf 'matrix: %s with %s, v%s %s %s auth %s cannot exist: %s\n' "$MX_MASTER" "$MX_BACKUP" "$MX_VERSION" \
        "$MX_FAMILY" "$MX_TRANSPORT" "$MX_AUTH" "${reason//$'\n'/ }" >&2
    exit 2
fi

. "$(dirname "$0")/common.sh"

needs=()
for impl in "$MX_MASTER" "$MX_BACKUP"; do
    if [[ $impl != vrrpctl && " ${needs[*]} " != *" $impl "* ]]; then needs+=("$impl"); fi
done
it_init "matrix $MX_MASTER>$MX_BACKUP v$MX_VERSION $MX_FAMILY $MX_TRANSPORT auth=$MX_AUTH" "${needs[@]}"

args=(master="$MX_MASTER" backup="$MX_BACKUP" version="$MX_VERSION" back=yes stop=yes)
# Lab mPBV6UA: m, master and backup initials, version, family digit, transport and auth initials.
lab="m$(mx_initial "$MX_MASTER")$(mx_initial "$MX_BACKUP")$MX_VERSION${MX_FAMILY#ipv}${MX_TRANSPORT:0:1}${MX_AUTH:0:1}"
args+=(lab="$lab")
if [[ $MX_VERSION == 2 ]]; then
    # observe: more than the backup's Master_Down_Interval (3.61 s), so a backup that ignored the adverts shows.
    args+=(int=1 observe=4.2 bound=200)
else
    args+=(int=0.1 observe=1.5 bound=120)
fi
if [[ $MX_FAMILY == ipv6 ]]; then args+=(vip=2001:db8::100 prefix=64); fi
if [[ $MX_TRANSPORT == unicast ]]; then args+=(unicast=yes); fi
if [[ $MX_AUTH == pass ]]; then args+=(pass=s3cret); fi
# keepalived's VRRPv2 over IPv6: tshark verifies a v2 checksum without the pseudo-header this format uses, and
# the password is not on the wire (auth type 1 alone); it_pair judges both accordingly.
# FRR's vrrpd as the backup: its timers are whole centiseconds, rounded down (v2 Master_Down_Interval 3600 ms for
# 3609.4, Skew_Time 600 for 609.4). Over IPv6 its first advert as master comes one interval late (+100 ms after
# Master_Down_Interval or Skew_Time, measured with keepalived as the master too), and takeovers up to +210 ms were
# seen. Those bounds measure vrrpd, not vrrpctl.
if [[ $MX_BACKUP == frr ]]; then args+=(early=10); fi
if [[ $MX_BACKUP == frr && $MX_FAMILY == ipv6 ]]; then args+=(bound=400 stop_bound=200); fi
it_pair "${args[@]}"
it_pass
