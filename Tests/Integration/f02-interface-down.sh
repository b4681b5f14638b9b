#!/usr/bin/env bash
# Failover checklist: interface down on the master → it enters Fault and releases the VIP, b takes the VIP after
# its Master_Down_Interval; interface up again → a comes back and preempts (priority 150 over 100).
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init interface-down
it_lab ifd a b
it_capture
it_vrrpctl a "$(it_conf prio=150)"
it_wait "it_holds a 192.0.2.100" 5 "a (priority 150) did not take the VIP"
it_vrrpctl b "$(it_conf prio=100)"
sleep 0.6
it_check "! it_holds b 192.0.2.100" "b holds the VIP while a is master"

t_down=$(it_now)
ip -n "$(lab_ns a)" link set eth0 down
it_wait "! lab_has_address a 192.0.2.100" 1 "a kept the VIP on its downed eth0 (no Fault)"
it_wait "it_holds b 192.0.2.100" 2 "b did not take the VIP after a's interface went down"
it_alive a || it_fail "vrrpctl in a exited when its interface went down"
sleep 0.5
it_check "! lab_has_address a 192.0.2.100" "a put the VIP back while its interface is down"

t_up=$(it_now)
ip -n "$(lab_ns a)" link set eth0 up
it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" 3 "a did not take the VIP back once eth0 was up"
sleep 0.3
it_capture_stop

adverts=$(it_adverts)
first_b=$(it_first "$adverts" "\$1 > $t_down && \$2 == \"b\" && \$4 == 100")
last_a=$(it_last "$adverts" "\$1 < ${first_b:-0} && \$2 == \"a\"")
[[ -n "$last_a" && -n "$first_b" ]] || it_fail "the capture lacks a's last or b's first advert"
took=$(it_ms "$last_a" "$first_b")
mdi=$(it_mdi 3 0.1 100)
it_between "$took" "$(awk -v m="$mdi" 'BEGIN { print m - 5 }')" "$(awk -v m="$mdi" 'BEGIN { print m + 120 }')" ||
    it_fail "b's first advert came $took ms after a's last; Master_Down_Interval is $mdi ms"
n=$(it_count "$adverts" "\$1 > $t_down + 0.01 && \$1 < $t_up && \$2 == \"a\"")
((n == 0)) || it_fail "a sent $n adverts while its interface was down"
n=$(it_count "$adverts" "\$1 > $t_up && \$2 == \"a\" && \$4 == 150")
((n >= 1)) || it_fail "a did not advertise after its interface came back"
printf '  interface down: b advertised %s ms after a'"'"'s last advert (Master_Down_Interval %s ms)\n' "$took" "$mdi"
it_pass
