#!/usr/bin/env bash
# sd_notify as systemd sees it: vrrpctl runs with $NOTIFY_SOCKET pointing at a datagram socket this script reads
# (python3), and must send READY=1 with a STATUS= naming its instances' states, a new STATUS= when the state
# changes, RELOADING=1 with MONOTONIC_USEC= (CLOCK_MONOTONIC, µs) then READY=1 around a SIGHUP reload (also when
# the new file is refused, with the refusal in STATUS=), and STOPPING=1 on SIGTERM.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init systemd-notify python3

it_lab sn a
dir=$(lab_dir a)
socket="$dir/notify.sock"
log="$dir/notify.log"
: >"$log"
# One line per datagram, newlines shown as '|', prefixed with CLOCK_MONOTONIC in µs at receipt. Exits after 60 s.
python3 - "$socket" "$log" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(60)
with open(sys.argv[2], "a", buffering=1) as out:
    try:
        while True:
            data = s.recv(4096).decode()
            out.write("%d %s\n" % (time.monotonic_ns() // 1000, data.replace("\n", "|")))
    except socket.timeout:
        pass
PY
_lab_track_pid $!
it_wait "[[ -S '$socket' ]]" 5 "the notify listener did not start"

good=$(it_conf prio=150 int=0.1)
NOTIFY_SOCKET="$socket" it_vrrpctl a "$good"
it_wait "grep -q 'READY=1|STATUS=1 instance: 1 BACKUP|MAINPID=${IT_PID[a]}' '$log'" 5 \
    "no READY=1 with 'STATUS=1 instance: 1 BACKUP' and MAINPID"
it_wait "grep -q '^[0-9]* STATUS=1 instance: 1 MASTER$' '$log'" 5 "no STATUS= update when VI_1 became MASTER"

# A refused reload: RELOADING=1 with MONOTONIC_USEC, then READY=1 and the refusal in STATUS=.
printf 'vrrp_instance broken {\n' >"$dir/keepalived.conf"
kill -HUP "${IT_PID[a]}"
it_wait "grep -q 'READY=1|STATUS=1 instance: 1 MASTER; last reload refused' '$log'" 5 \
    "no READY=1 with the refusal after a reload of a broken file"
line=$(grep -m1 'RELOADING=1' "$log")
[[ "$line" =~ ^([0-9]+)\ RELOADING=1\|MONOTONIC_USEC=([0-9]+)\|STATUS=reloading ]] ||
    it_fail "the reload message is '$line', not RELOADING=1|MONOTONIC_USEC=…|STATUS=reloading …"
received=${BASH_REMATCH[1]} sent=${BASH_REMATCH[2]}
skew=$((received - sent))
((skew >= 0 && skew < 1000000)) || it_fail "MONOTONIC_USEC=$sent is ${skew} µs from CLOCK_MONOTONIC at receipt"
printf '  refused reload: RELOADING=1 with MONOTONIC_USEC %d µs before receipt, then READY=1\n' "$skew"

# An applied reload: the refusal leaves STATUS=.
printf '%s\n' "$good" >"$dir/keepalived.conf"
kill -HUP "${IT_PID[a]}"
applied="[[ \$(grep -c RELOADING=1 '$log') -ge 2 ]] && grep -q '^[0-9]* READY=1|STATUS=1 instance: 1 MASTER$' '$log'"
it_wait "$applied" 5 \
    "no RELOADING=1 / READY=1 without the refusal after a reload of a good file"

kill -TERM "${IT_PID[a]}"
it_wait "grep -q 'STOPPING=1' '$log'" 3 "no STOPPING=1 after SIGTERM"
order=$(awk '{ split($2, f, "|"); print f[1] }' "$log" | grep -E '^(READY|RELOADING|STOPPING)=1$' | tr '\n' ' ')
[[ "$order" == "READY=1 RELOADING=1 READY=1 RELOADING=1 READY=1 STOPPING=1 " ]] ||
    it_fail "the notifications came as: $order"
printf '  sequence: %s\n' "$order"
it_pass
