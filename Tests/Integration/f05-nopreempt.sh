#!/usr/bin/env bash
# Failover checklist: nopreempt (both nodes state BACKUP with nopreempt). a (150) is master, b (100) backup;
# SIGKILL of a → b takes the VIP; a restarts and must NOT take the VIP back: for 2 s (> 5 × Master_Down_Interval)
# b keeps it, a neither holds it nor advertises.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init nopreempt
it_lab npr a b
it_capture
it_vrrpctl a "$(it_conf prio=150 preempt=no)"
it_wait "it_holds a 192.0.2.100" 5 "a (priority 150) did not take the VIP"
it_vrrpctl b "$(it_conf prio=100 preempt=no)"
it_never "it_holds b 192.0.2.100" 0.6 "b took the VIP while a was master"
it_crash a
it_wait "it_holds b 192.0.2.100" 2 "b did not take the VIP after a was killed"
t_restart=$(it_now)
it_vrrpctl a "$(it_conf prio=150 preempt=no)"
it_wait "! lab_has_address a 192.0.2.100" 1 "the restarted a did not remove the VIP its killed run left"
it_never "it_holds a 192.0.2.100 || ! it_holds b 192.0.2.100" 2 \
    "with nopreempt the restarted a (150) took the VIP back from b (100)"
it_alive a || it_fail "the restarted vrrpctl in a exited"
it_capture_stop
adverts=$(it_adverts)
n=$(it_count "$adverts" "\$1 > $t_restart && \$2 == \"a\"")
((n == 0)) || it_fail "with nopreempt the restarted a advertised $n times"
n=$(it_count "$adverts" "\$1 > $t_restart + 0.5 && \$2 == \"b\" && \$4 == 100")
((n >= 12)) || it_fail "b sent only $n adverts in the 1.5 s after a restarted"
it_pass
