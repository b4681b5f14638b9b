#!/usr/bin/env bash
# keepalived's dumps from vrrpctl, and the counters in them moving with real traffic. a runs keepalived (VRRPv2,
# PASS, priority 150), b vrrpctl (priority 100, TMPDIR pointed at its own directory, so the dumps land there as
# keepalived's would), c keepalived with the wrong password at priority 255 for a few seconds. b's dumps are read
# after each step: SIGUSR2 → keepalived.stats, SIGUSR1 → keepalived.data, SIGRTMIN+2 → keepalived.json.
#   1. b is BACKUP: adverts received > 0, authentication failures > 0 (c), master router 192.0.2.1 priority 150.
#   2. a stops (priority 0): b counts a priority-0 advert received and becomes master once.
#   3. b's link goes down: FAULT, b leaves master once and counts a priority-0 advert sent.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init dump-counters keepalived

# counter FILE GROUP KEY: the number after "KEY:" in the group "GROUP:" of instance VI_1 in a keepalived.stats file.
counter() {
    awk -v group="$2" -v key="$3" '
        /^VRRP Instance: / { inside = ($3 == "VI_1"); next }
        !inside { next }
        /^  [A-Za-z]/ {
            line = substr($0, 3); current = line; sub(/:.*/, "", current)
            if (group == "" && current == key) { sub(/^[^:]*: /, "", line); print line }
            next
        }
        /^    / && group == current {
            line = substr($0, 5); name = line; sub(/:.*/, "", name)
            if (name == key) { sub(/^[^:]*: /, "", line); print line }
        }
    ' "$1"
}

# dump SIGNAL FILE: sends SIGNAL to b's vrrpctl and waits (at most 3 s) for FILE in b's TMPDIR to be rewritten.
dump() {
    local file="$TMP_B/$2"
    rm -f -- "$file"
    kill -s "$1" "${IT_PID[b]}"
    it_wait "[[ -s '$file' ]]" 3 "b wrote no $2 after signal $1"
}

conf() { it_conf version=2 int=1 auth="$1" prio="$2"; }

it_lab dc a b c
TMP_B="$(lab_dir b)/tmp"
mkdir -p "$TMP_B"
it_keepalived a "$(conf secret1 150)"
TMPDIR="$TMP_B" it_vrrpctl b "$(conf secret1 100)"
it_wait "it_holds a 192.0.2.100" 8 "a (keepalived, priority 150) did not take the VIP"
it_keepalived c "$(conf wrongpw 255)"
# c advertises once a second with the wrong password from its start: dump until b has counted some (at most
# 10 s, a slow start of c's VRRP child included), then stop c.
stats="$TMP_B/keepalived.stats"
for _ in $(seq 1 20); do
    sleep 0.5
    dump USR2 keepalived.stats
    failures=$(counter "$stats" "Authentication Errors" Failure)
    [[ -n "$failures" && "$failures" -gt 0 ]] && break
done
kill -TERM "${IT_PID[c]}"
sleep 0.5

dump USR2 keepalived.stats
received=$(counter "$stats" Advertisements Received)
failures=$(counter "$stats" "Authentication Errors" Failure)
became=$(counter "$stats" "" "Became master")
[[ -n "$received" && "$received" -gt 0 ]] || it_fail "b's adverts received is '$received' while a advertises"
[[ -n "$failures" && "$failures" -gt 0 ]] || it_fail "b's authentication failures is '$failures' after c's bad password"
[[ "$became" == 0 ]] || it_fail "b became master '$became' times while a was master"
perm=$(stat -c %a "$stats")
[[ "$perm" == 600 ]] || it_fail "keepalived.stats has mode $perm, not 600"
printf '  backup: %s adverts received, %s authentication failures\n' "$received" "$failures"

dump USR1 keepalived.data
data="$TMP_B/keepalived.data"
it_check "grep -qx '   State = BACKUP' '$data'" "keepalived.data does not say State = BACKUP"
it_check "grep -qx '   Master router = 192.0.2.1' '$data'" "keepalived.data does not name a as master router"
it_check "grep -qx '   Master priority = 150' '$data'" "keepalived.data does not give the master's priority 150"
dump 36 keepalived.json
json="$TMP_B/keepalived.json"
it_check "jq -e '.[0].data.state == 1 and .[0].data.master_priority == 150' '$json'" \
    "keepalived.json does not show BACKUP (1) under master priority 150"
it_check "jq -e '.[0].stats.advert_rcvd > 0' '$json'" "keepalived.json shows no adverts received"

kill -TERM "${IT_PID[a]}"
it_wait "it_holds b 192.0.2.100" 6 "b did not take the VIP after a stopped"
dump USR2 keepalived.stats
zero_received=$(counter "$stats" "Priority Zero" Received)
became=$(counter "$stats" "" "Became master")
[[ -n "$zero_received" && "$zero_received" -ge 1 ]] || it_fail "b counted '$zero_received' priority-0 adverts"
[[ "$became" == 1 ]] || it_fail "b became master '$became' times, not once"
printf '  takeover: %s priority-0 advert(s) received, became master %s time(s)\n' "$zero_received" "$became"

ip -n "$(lab_ns b)" link set eth0 down
sleep 0.5
dump USR2 keepalived.stats
zero_sent=$(counter "$stats" "Priority Zero" Sent)
released=$(counter "$stats" "" "Released master")
[[ -n "$zero_sent" && "$zero_sent" -ge 1 ]] || it_fail "b counted '$zero_sent' priority-0 adverts sent on FAULT"
[[ "$released" == 1 ]] || it_fail "b released master '$released' times, not once"
dump USR1 keepalived.data
it_check "grep -qx '   State = FAULT' '$data'" "keepalived.data does not say State = FAULT with eth0 down"
printf '  fault: %s priority-0 advert(s) sent, released master %s time(s)\n' "$zero_sent" "$released"
it_pass
