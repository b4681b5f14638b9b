#!/usr/bin/env bash
# Failover checklist: a track_script failure demotes the master when the weight arithmetic says so, and not
# otherwise. a runs VI_1 (VRID 51) and VI_2 (VRID 52) at priority 150, both tracking one script (a file test);
# VI_1 with weight -60 (150 − 60 = 90 < b's 100: must fail over), VI_2 with weight -30 (120 > 100: must stay).
# b runs both at 100. When the file goes, VIP .100 moves to b and .101 stays on a; a advertises VRID 51 at 90
# (until b takes over) and VRID 52 at 120. When the file is back, a preempts VRID 51 again.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init track-script
it_lab trk a b
it_capture
healthy="$(lab_dir)/healthy"
touch "$healthy"
script="vrrp_script chk {\n    script \"/usr/bin/test -e $healthy\"\n    interval 1\n    fall 1\n    rise 1\n}"
v1=(vrid=51)
v2=(name=VI_2 vrid=52 vips=192.0.2.101/24)
it_vrrpctl a "$(it_conf "${v1[@]}" prio=150 scripts="$script" track="chk weight -60"
    it_instance "${v2[@]}" prio=150 track="chk weight -30")"
it_wait "it_holds a 192.0.2.100 && it_holds a 192.0.2.101" 5 "a (priority 150) did not take both VIPs"
it_vrrpctl b "$(it_conf "${v1[@]}" prio=100; it_instance "${v2[@]}" prio=100)"
it_never "it_holds b 192.0.2.100 || it_holds b 192.0.2.101" 1.5 "b took a VIP while a was healthy at 150"

t_fail=$(it_now)
rm -f -- "$healthy"
# The script runs every second and fails once (fall 1); then Master_Down_Interval of b (361 ms).
it_wait "it_holds b 192.0.2.100 && ! it_holds a 192.0.2.100" 3 \
    "the script failed but VIP .100 (weight -60: 150 -> 90 < 100) did not move to b"
it_never "! it_holds a 192.0.2.101 || it_holds b 192.0.2.101" 1.5 \
    "VIP .101 left a although its weight -30 keeps a at 120 > 100"

t_heal=$(it_now)
touch "$healthy"
it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" 3 \
    "the script succeeds again but a (150) did not preempt VIP .100 back"
it_check "it_holds a 192.0.2.101 && ! it_holds b 192.0.2.101" "VIP .101 moved during recovery"
sleep 0.3
it_capture_stop

adverts=$(it_adverts)
# The script runs once a second: the wire says when a's priority changed.
dropped=$(it_first "$adverts" "\$1 > $t_fail && \$2 == \"a\" && \$4 != 150")
[[ -n "$dropped" ]] || it_fail "a's priority never dropped after the script failed"
restored=$(it_first "$adverts" "\$1 > $t_heal && \$2 == \"a\" && \$3 == 52 && \$4 == 150")
[[ -n "$restored" ]] || it_fail "a's priority never came back to 150 after the script succeeded again"
n=$(it_count "$adverts" "\$1 < $dropped && \$2 == \"a\" && \$4 != 150")
((n == 0)) || it_fail "a advertised $n times at a priority other than 150 while healthy"
n=$(it_count "$adverts" "\$1 >= $dropped && \$1 < $restored && \$2 == \"a\" && \$3 == 51 && \$4 == 90")
((n >= 1)) || it_fail "a never advertised VRID 51 at 90 (150 - 60) after the script failed"
n=$(it_count "$adverts" "\$1 >= $dropped && \$1 < $restored && \$2 == \"a\" && \$3 == 52 && \$4 != 120")
((n == 0)) || it_fail "a advertised VRID 52 $n times at a priority other than 120 (150 - 30) while failed"
n=$(it_count "$adverts" "\$1 >= $dropped && \$1 < $restored && \$2 == \"a\" && \$3 == 52")
((n >= 10)) || it_fail "a sent only $n VRID 52 adverts while failed: it did not stay master of VI_2"
n=$(it_count "$adverts" "\$2 == \"b\" && \$3 == 52")
((n == 0)) || it_fail "b advertised VRID 52 ($n adverts) although a stayed above it"
n=$(it_count "$adverts" "\$1 > $dropped && \$1 < $restored && \$2 == \"b\" && \$3 == 51 && \$4 == 100")
((n >= 5)) || it_fail "b sent only $n VRID 51 adverts after taking over"
it_pass
