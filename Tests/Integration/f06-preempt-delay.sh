#!/usr/bin/env bash
# Failover checklist: preempt_delay honoured. b (100) is master alone; a (150, preempt_delay 1.5) starts. a must not
# take over before 1.5 s after its start (keepalived counts from startup), and must have taken over by
# 1.5 s + Master_Down_Interval + 400 ms. From `ip addr` and from a's first priority-150 advert on the wire.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init preempt-delay
it_lab pdl a b
it_capture
it_vrrpctl b "$(it_conf prio=100)"
it_wait "it_holds b 192.0.2.100" 5 "b did not take the VIP"
t_start=$(it_now)
it_vrrpctl a "$(it_conf prio=150 preempt_delay=1.5)"
it_never "it_holds a 192.0.2.100 || ! it_holds b 192.0.2.100" 1.4 "a preempted b before its preempt_delay of 1.5 s"
mdi=$(it_mdi 3 0.1 150)
it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" 1.5 "a did not take over after its preempt_delay"
it_capture_stop
adverts=$(it_adverts)
first_a=$(it_first "$adverts" "\$2 == \"a\" && \$4 == 150")
[[ -n "$first_a" ]] || it_fail "a never advertised"
after=$(it_ms "$t_start" "$first_a")
it_between "$after" 1500 "$(awk -v m="$mdi" 'BEGIN { print 1500 + m + 400 }')" ||
    it_fail "a's first advert came $after ms after its start; preempt_delay is 1500 ms (MDI $mdi ms)"
printf '  preempt_delay 1.5 s: a advertised first %s ms after its start\n' "$after"
it_pass
