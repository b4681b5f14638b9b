#!/usr/bin/env bash
# vrrpctl and FRR's vrrpd (with zebra; the macvlans vrrpd needs are made by lab_start_frr), VRRPv3, 100 ms
# adverts, over IPv4 and IPv6, both roles, as in a-keepalived-v3-ipv4.sh. FRR keeps its VIP on the macvlan and
# signals backup with protodown, so holding the VIP means: on an interface that is up and not in protodown.
# With FRR as the backup the takeover bound is 400 ms: vrrpd itself (IPv6) was seen taking Master_Down_Interval
# + 100 to 210 ms, which measures FRR, not vrrpctl.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init frr-v3 frr
it_pair lab=fr4a master=frr backup=vrrpctl
it_pair lab=fr4b master=vrrpctl backup=frr bound=400
it_pair lab=fr6a master=frr backup=vrrpctl vip=2001:db8::100 prefix=64
it_pair lab=fr6b master=vrrpctl backup=frr vip=2001:db8::100 prefix=64 bound=400
it_pass
