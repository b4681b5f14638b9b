#!/usr/bin/env bash
# vrrpctl and keepalived, VRRPv2 with the IPsec Authentication Header (auth_type AH: IP protocol 51, HMAC-MD5-96
# ICV keyed with auth_pass, SPI = source address), 1 s adverts, both roles: the backup stays silent while the
# master advertises (so it accepted the master's ICV and sequence numbers), takes over when the master is killed,
# and (vrrpctl master) gives the VIP back when it restarts; the same over unicast (TTL left out of the ICV).
# A reload keeps vrrpctl's sequence numbers rising; its priority-0 AH advert on SIGTERM hands over within
# Skew_Time, keepalived continuing the sequence numbers. Then mismatched passwords: on two VRIDs (vrrpctl the lower
# priority on one, keepalived on the other) both nodes become master, each dropping the other's adverts.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-v2-ah keepalived
it_pair lab=kaha master=keepalived backup=vrrpctl version=2 int=1 pass=s3cret authtype=AH observe=4.2 bound=200 \
    back=no
it_pair lab=kahb master=vrrpctl backup=keepalived version=2 int=1 pass=s3cret authtype=AH observe=4.2 bound=200 \
    back=yes
# Unicast (unicast_src_ip / unicast_peer): keepalived leaves TTL out of the ICV there; both roles.
it_pair lab=kahu master=vrrpctl backup=keepalived version=2 int=1 pass=s3cret authtype=AH unicast=yes observe=4.2 \
    bound=200 back=no
it_pair lab=kahv master=keepalived backup=vrrpctl version=2 int=1 pass=s3cret authtype=AH unicast=yes observe=4.2 \
    bound=200 back=no

# A reload (SIGHUP) keeps the AH sequence number: vrrpctl master, keepalived backup; after the reload the
# sequence goes on rising on the wire and keepalived stays silent (a restart from 1 would be dropped as a replay).
it_lab kahr a b
it_capture
it_vrrpctl a "$(it_conf version=2 int=1 prio=150 auth=s3cret authtype=AH)"
it_wait "it_holds a 192.0.2.100" 10 "vrrpctl (priority 150) never took 192.0.2.100"
it_keepalived b "$(it_conf version=2 int=1 prio=100 auth=s3cret authtype=AH)"
sleep 1.5
t_hup=$(it_now)
kill -HUP "${IT_PID[a]}"
it_never "it_holds b 192.0.2.100 || ! it_holds a 192.0.2.100" 4.5 \
    "after a reload of vrrpctl keepalived took 192.0.2.100 (it dropped vrrpctl's adverts)"
it_alive a && it_alive b || it_fail "a daemon died around the reload"
# Then a graceful stop: keepalived must accept vrrpctl's priority-0 AH advert (take over after Skew_Time, not
# Master_Down_Interval) and continue its sequence numbers.
t_term=$(it_now)
kill -TERM "${IT_PID[a]}"
it_wait "it_holds b 192.0.2.100" 3 "keepalived did not take 192.0.2.100 after vrrpctl's priority-0 advert"
sleep 1.2
it_capture_stop
n=$(it_count "$(it_adverts)" "\$1 < $t_term && \$2 == \"b\"")
((n == 0)) || it_fail "keepalived sent $n adverts while vrrpctl was master across a reload"
sequences=$(tshark -r "$IT_PCAP" -Y "ah && ip.src == 192.0.2.1" -T fields -e frame.time_epoch -e ah.sequence \
    2>/dev/null)
n=$(awk '$2 <= last { bad++ } { last = $2 } END { print bad + 0 }' <<<"$sequences")
((n == 0)) ||
    it_fail "vrrpctl's AH sequence numbers did not keep rising across the reload: $(tr '\n' ' ' <<<"$sequences")"
n=$(awk -v t="$t_hup" '$1 > t { n++ } END { print n + 0 }' <<<"$sequences")
((n >= 3)) || it_fail "vrrpctl sent $n AH adverts in the 4.5 s after the reload"
release=$(tshark -r "$IT_PCAP" -Y "ah && ip.src == 192.0.2.1 && vrrp.prio == 0" -T fields -e frame.time_epoch \
    -e ah.sequence 2>/dev/null | head -n 1)
takeover=$(tshark -r "$IT_PCAP" -Y "ah && ip.src == 192.0.2.2" -T fields -e frame.time_epoch -e ah.sequence \
    2>/dev/null | head -n 1)
[[ -n "$release" && -n "$takeover" ]] || it_fail "no priority-0 AH advert from vrrpctl or no AH advert from keepalived"
ms=$(it_ms "${release%%$'\t'*}" "${takeover%%$'\t'*}")
# Skew_Time for priority 100 at 1 s is 609 ms.
awk -v m="$ms" 'BEGIN { exit !(m >= 600 && m <= 900) }' ||
    it_fail "keepalived took over ${ms} ms after vrrpctl's priority-0 AH advert (Skew_Time 609 ms expected)"
((${takeover##*$'\t'} == ${release##*$'\t'} + 1)) ||
    it_fail "keepalived's first AH sequence number ${takeover##*$'\t'} does not follow vrrpctl's ${release##*$'\t'}"
printf '  reload: AH sequence numbers keep rising, keepalived stays backup\n'
printf '  graceful stop: keepalived took over %s ms after the priority-0 AH advert, continuing its sequence\n' "$ms"

it_mismatch kahc AH "mismatched AH keys"
printf '  mismatched AH keys: both nodes master of VRIDs 61 and 62, each dropping the other'"'"'s adverts\n'
it_pass
