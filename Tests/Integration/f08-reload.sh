#!/usr/bin/env bash
# Failover checklist: SIGHUP reload keeps the VIP. a (150) is master of VI_1 (.100) with b (100) as backup.
# a's file gains a second address for VI_1 (.102) and a new instance VI_2 (VRID 52, .101); SIGHUP. Sampled every
# 20 ms, a never loses .100; .102 and .101 appear; no priority-0 advert; b never advertises; VI_1's adverts now
# carry two addresses. Then a file with a syntax error is refused: SIGHUP keeps everything as it was. Last, a
# reload that adds an IPv6 instance opens sockets for it, and the reload that removes it again closes them
# (counted in /proc/PID/fd): no socket outlives the instances that used it.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init reload
it_lab rld a b
it_capture
it_vrrpctl a "$(it_conf prio=150)"
it_wait "it_holds a 192.0.2.100" 5 "a (priority 150) did not take the VIP"
it_vrrpctl b "$(it_conf prio=100)"
sleep 0.5

conf="$(lab_dir a)/keepalived.conf"
it_conf prio=150 vips=192.0.2.100/24,192.0.2.102/24 >"$conf"
it_instance name=VI_2 vrid=52 prio=150 vips=192.0.2.101/24 >>"$conf"
t_hup=$(it_now)
kill -HUP "${IT_PID[a]}"
it_never "! it_holds a 192.0.2.100 || it_holds b 192.0.2.100" 1.5 "a lost .100 during the reload"
it_check "it_holds a 192.0.2.102" "after the reload a does not hold the added address .102"
it_check "it_holds a 192.0.2.101" "after the reload a does not hold .101 of the added instance VI_2"
it_alive a || it_fail "vrrpctl in a exited on SIGHUP"

printf 'vrrp_instance VI_1 {\n    priority 150\n    virtual_ipaddress { 192.0.2.100/24\n' >"$conf"
t_bad=$(it_now)
kill -HUP "${IT_PID[a]}"
it_never "! it_holds a 192.0.2.100 || ! it_holds a 192.0.2.101 || ! it_holds a 192.0.2.102" 1 \
    "a released an address on SIGHUP with a broken file"
it_alive a || it_fail "vrrpctl in a exited on SIGHUP with a broken file"
it_capture_stop

adverts=$(it_adverts)
n=$(it_count "$adverts" "\$4 == 0")
((n == 0)) || it_fail "$n priority-0 adverts: a reload must not release"
n=$(it_count "$adverts" "\$2 == \"b\"")
((n == 0)) || it_fail "b advertised $n times: it saw a gap in a's adverts"
gap=$(awk -v from="$t_hup" '$2 == "a" && $3 == 51 && $1 > from - 1 {
        if (last != "" && $1 - last > worst) worst = $1 - last; last = $1 }
    END { printf "%.1f\n", worst * 1000 }' <<<"$adverts")
it_between "$gap" 0 250 || it_fail "a's VRID 51 adverts paused $gap ms around the reload"
counts=$(tshark -r "$IT_PCAP" -Y "vrrp.virt_rtr_id == 51 && frame.time_epoch > $t_hup + 0.3" -T fields \
    -e vrrp.addr_count 2>/dev/null | sort -u | tr '\n' ' ')
[[ "$counts" == "2 " ]] || it_fail "VI_1's adverts after the reload carry address counts '$counts', not 2"
n=$(it_count "$adverts" "\$1 > $t_hup && \$2 == \"a\" && \$3 == 52 && \$4 == 150")
((n >= 5)) || it_fail "the added VI_2 sent only $n adverts"
n=$(it_count "$adverts" "\$1 > $t_bad + 0.3 && \$2 == \"a\"")
((n >= 10)) || it_fail "a sent only $n adverts after the refused reload"
printf '  reload: longest pause of VRID 51 adverts %s ms\n' "$gap"

# sockets: how many sockets vrrpctl in a holds.
sockets() {
    find "/proc/${IT_PID[a]}/fd" -lname 'socket:*' 2>/dev/null | wc -l
}
it_conf prio=150 vips=192.0.2.100/24,192.0.2.102/24 >"$conf"
it_instance name=VI_2 vrid=52 prio=150 vips=192.0.2.101/24 >>"$conf"
kill -HUP "${IT_PID[a]}"
sleep 0.5
before=$(sockets)
it_instance name=VI_6 vrid=56 prio=150 vips=2001:db8::56/64 >>"$conf"
kill -HUP "${IT_PID[a]}"
it_wait "it_holds a 2001:db8::56" 3 "a did not take the IPv6 instance's address after the reload"
with=$(sockets)
((with > before)) || it_fail "the IPv6 instance opened no socket ($before before, $with with it)"
it_conf prio=150 vips=192.0.2.100/24,192.0.2.102/24 >"$conf"
it_instance name=VI_2 vrid=52 prio=150 vips=192.0.2.101/24 >>"$conf"
kill -HUP "${IT_PID[a]}"
it_wait "! it_holds a 2001:db8::56" 3 "a kept the removed IPv6 instance's address"
it_wait "[[ \$(sockets) -eq $before ]]" 2 "the removed IPv6 instance's sockets stayed open ($(sockets), was $before)"
it_check "it_holds a 192.0.2.100 && it_holds a 192.0.2.101" "a lost an IPv4 address while the IPv6 instance went"
printf '  sockets: %s, %s with the IPv6 instance, %s after it was removed\n' "$before" "$with" "$(sockets)"
it_pass
