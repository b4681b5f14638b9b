#!/usr/bin/env bash
# vrrpctl and keepalived, VRRPv3 over IPv6 (VIP 2001:db8::100, adverts to ff02::12 from link-locals), 100 ms
# adverts, both roles, as in a-keepalived-v3-ipv4.sh.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-v3-ipv6 keepalived
it_pair lab=ka6a master=keepalived backup=vrrpctl vip=2001:db8::100 prefix=64
it_pair lab=ka6b master=vrrpctl backup=keepalived vip=2001:db8::100 prefix=64
it_pass
