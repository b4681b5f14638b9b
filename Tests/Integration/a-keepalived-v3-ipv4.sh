#!/usr/bin/env bash
# vrrpctl and keepalived, VRRPv3 over IPv4, 100 ms adverts, both roles: the higher priority is master and its
# peer stays backup (accepts its adverts, never flaps); SIGKILL of the master → the peer takes the VIP after its
# Master_Down_Interval; the restarted master preempts. Judged from `ip addr` and a capture on the bridge.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-v3-ipv4 keepalived
it_pair lab=ka3a master=keepalived backup=vrrpctl
it_pair lab=ka3b master=vrrpctl backup=keepalived
it_pass
