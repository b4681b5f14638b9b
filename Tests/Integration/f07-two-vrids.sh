#!/usr/bin/env bash
# Failover checklist: two VRIDs active-active. a is master of VRID 51 (.100, 150 vs 100) and b of VRID 52
# (.101, 150 vs 100); each holds only its own VIP and only the master of a VRID advertises it. SIGKILL of a → b
# holds both VIPs and advertises both VRIDs.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init two-vrids
it_lab vrd a b
it_capture
v1=(vrid=51)
v2=(name=VI_2 vrid=52 vips=192.0.2.101/24)
it_vrrpctl a "$(it_conf "${v1[@]}" prio=150; it_instance "${v2[@]}" prio=100)"
it_vrrpctl b "$(it_conf "${v1[@]}" prio=100; it_instance "${v2[@]}" prio=150)"
it_wait "it_holds a 192.0.2.100 && it_holds b 192.0.2.101" 5 "a did not take .100 or b did not take .101"
sleep 0.5
t_steady=$(it_now)
it_never "! it_holds a 192.0.2.100 || it_holds a 192.0.2.101 || it_holds b 192.0.2.100 || ! it_holds b 192.0.2.101" \
    1 "the VIPs are not split .100 on a, .101 on b"
t_crash=$(it_now)
it_crash a
it_wait "it_holds b 192.0.2.100 && it_holds b 192.0.2.101" 2 "b did not take .100 after a was killed"
sleep 0.5
it_capture_stop
adverts=$(it_adverts)
wrong="(\$3 == 51 && \$2 != \"a\") || (\$3 == 52 && \$2 != \"b\")"
n=$(it_count "$adverts" "\$1 > $t_steady && \$1 < $t_crash && ($wrong)")
((n == 0)) || it_fail "$n adverts from the backup of a VRID while both nodes ran"
for vrid in 51 52; do
    n=$(it_count "$adverts" "\$1 > $t_steady && \$1 < $t_crash && \$3 == $vrid && \$4 == 150")
    ((n >= 8)) || it_fail "VRID $vrid had only $n adverts at 150 in a steady second"
    n=$(it_count "$adverts" "\$1 > $t_crash + 0.45 && \$2 == \"b\" && \$3 == $vrid")
    ((n >= 1)) || it_fail "b did not advertise VRID $vrid after a was killed"
done
it_pass
