#!/usr/bin/env bash
# vrrpctl and keepalived over unicast (unicast_src_ip / unicast_peer), VRRPv3 IPv4, 100 ms adverts, both roles,
# as in a-keepalived-v3-ipv4.sh; every advert on the wire goes to the peer's address, none to 224.0.0.18.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-unicast keepalived
it_pair lab=kuca master=keepalived backup=vrrpctl unicast=yes
it_pair lab=kucb master=vrrpctl backup=keepalived unicast=yes
it_pass
