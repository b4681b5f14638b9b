#!/usr/bin/env bash
# Failover checklist: notify_master / notify_backup run in transition order. a (100) has both scripts append
# "MASTER" / "BACKUP" to a file. a alone → MASTER; b (150) starts → a BACKUP; b killed → a MASTER. The file must
# read (an optional startup BACKUP, then) MASTER BACKUP MASTER, each line written after the kernel showed the
# matching change.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init notify
it_lab ntf a b
out="$(lab_dir)/transitions"
notify="$(lab_dir)/notify.sh"
printf '#!/bin/sh\necho "$1" >>%s\n' "$out" >"$notify"
chmod 755 "$notify"
extra="    notify_master \"$notify MASTER\"\n    notify_backup \"$notify BACKUP\""
it_vrrpctl a "$(it_conf prio=100 extra="$extra")"
it_wait "it_holds a 192.0.2.100" 5 "a did not take the VIP"
it_wait "grep -qx MASTER '$out'" 2 "notify_master did not run when a became master"
it_vrrpctl b "$(it_conf prio=150)"
it_wait "it_holds b 192.0.2.100 && ! it_holds a 192.0.2.100" 3 "b (150) did not take over"
it_wait "[[ \$(grep -cx BACKUP '$out') -ge 1 && \$(tail -n 1 '$out') == BACKUP ]]" 2 \
    "notify_backup did not run when a became backup"
it_crash b
it_wait "it_holds a 192.0.2.100" 2 "a did not take the VIP back after b was killed"
it_wait "[[ \$(tail -n 1 '$out') == MASTER ]]" 2 "notify_master did not run the second time"
sleep 0.3
seen=$(tr '\n' ' ' <"$out")
[[ "$seen" == "MASTER BACKUP MASTER " || "$seen" == "BACKUP MASTER BACKUP MASTER " ]] ||
    it_fail "notify scripts ran in the order '$seen', expected [BACKUP] MASTER BACKUP MASTER"
printf '  notify order: %s\n' "$seen"
it_pass
