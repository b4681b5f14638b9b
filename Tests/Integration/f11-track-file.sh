#!/usr/bin/env bash
# track_file, judged from the kernel and the wire, and compared with keepalived's own arithmetic.
#
# Part 1 (vrrpctl a and b): a runs VI_1 (VRID 51) at priority 150 tracking file maint with weight -10, and VI_2
# (VRID 52) at 150 tracking file hard with weight 0; b runs both at 100. Writing 6 into maint demotes VI_1
# (150 - 60 = 90 < 100): VIP .100 moves to b and a advertises 90 until b takes over; writing 0 restores 150 and a
# preempts. Writing 1 into hard puts VI_2 in FAULT (priority-0 advert, VIP .101 to b); 0 brings it back.
# `vrrpctl status --json` shows the file's value and its contribution.
#
# Part 2 (the reference): vrrpctl in a and keepalived in b run the same four instances on one shared file (a on
# VRIDs 61-64, b on 71-74, each alone on its VRIDs, so each is master and advertises its effective priority):
# weight -10; weight 7 reverse; weight 0; weight 3 at base 200. The file then holds 6, -5, 26, 30, "abc",
# 0x10, " 4 trailing", 2147483649 (ignored), and is deleted. After each write the priority each daemon
# advertises (or its silence in FAULT) must be the same for every instance.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init track-file keepalived

# tf_vrrpctl HOST CONFIG-TEXT: it_vrrpctl with a control socket of the host's own (for vrrpctl status).
tf_vrrpctl() {
    local host=$1 dir
    dir=$(lab_dir "$host")
    mkdir -p "$dir"
    printf '%s\n' "$2" >"$dir/keepalived.conf"
    ip netns exec "$(lab_ns "$host")" "$VRRPCTL" run -l -D -f "$dir/keepalived.conf" \
        --control-socket "$dir/control.sock" >>"$dir/vrrpctl.log" 2>&1 &
    IT_PID[$host]=$!
    IT_KIND[$host]=vrrpctl
    _lab_track_pid "${IT_PID[$host]}"
    sleep 0.05
    _lab_alive "${IT_PID[$host]}" || it_fail "vrrpctl in $host exited at once"
}

# tf_write FILE TEXT: replaces the file's content (written beside it and renamed over it: one inotify event).
tf_write() {
    printf '%s' "$2" >"$1.new" && mv -f -- "$1.new" "$1"
}

# ---- part 1: demotion, restoration and FAULT between two vrrpctl nodes ------------------------------------
it_lab tf1 a b
it_capture
maint="$(lab_dir)/maint"
hard="$(lab_dir)/hard"
files="track_file maint {\n    file $maint\n    weight -10\n    init_file 0 overwrite\n}\n"
files+="track_file hard {\n    file $hard\n    weight 0\n}"
v1=(vrid=51)
v2=(name=VI_2 vrid=52 vips=192.0.2.101/24)
tf_vrrpctl a "$(it_conf "${v1[@]}" prio=150 scripts="$files" extra="    track_file {\n        maint\n    }"
    it_instance "${v2[@]}" prio=150 extra="    track_file {\n        hard\n    }")"
it_wait "it_holds a 192.0.2.100 && it_holds a 192.0.2.101" 5 "a (priority 150) did not take both VIPs"
[[ "$(cat "$maint" 2>/dev/null)" == 0 ]] || it_fail "init_file 0 did not create $maint with 0"
it_vrrpctl b "$(it_conf "${v1[@]}" prio=100; it_instance "${v2[@]}" prio=100)"
it_never "it_holds b 192.0.2.100 || it_holds b 192.0.2.101" 1 "b took a VIP while a was at 150"

t_demote=$(it_now)
tf_write "$maint" $'6\n'
it_wait "it_holds b 192.0.2.100 && ! it_holds a 192.0.2.100" 2 \
    "maint = 6 (150 - 60 = 90 < 100) but VIP .100 did not move to b"
it_check "it_holds a 192.0.2.101" "VIP .101 left a although maint does not touch VI_2"
json=$(ip netns exec "$(lab_ns a)" "$VRRPCTL" status --json --socket "$(lab_dir a)/control.sock" 2>&1) ||
    it_fail "vrrpctl status failed: $json"
item=$(jq -c '.instances[] | select(.name == "VI_1") | .priority.trackedItems[] | select(.name == "file:maint")' \
    <<<"$json" 2>/dev/null)
[[ "$(jq -r '"\(.value) \(.contribution)"' <<<"$item" 2>/dev/null)" == "6 -60" ]] ||
    it_fail "vrrpctl status does not show file:maint with value 6 contributing -60: $item"
[[ "$(jq -r '.instances[] | select(.name == "VI_1") | .priority.effective' <<<"$json")" == 90 ]] ||
    it_fail "vrrpctl status does not show VI_1 at effective priority 90"

t_restore=$(it_now)
printf '0\n' >"$maint"
it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" 2 "maint = 0 but a (150) did not preempt VIP .100 back"

t_fault=$(it_now)
printf '1\n' >"$hard"
it_wait "it_holds b 192.0.2.101 && ! it_holds a 192.0.2.101" 2 \
    "hard = 1 with weight 0 but VI_2 on a did not go to FAULT (VIP .101 still on a or not on b)"
it_check "it_holds a 192.0.2.100" "VIP .100 left a when only VI_2's file changed"
t_unfault=$(it_now)
rm -f -- "$hard"
it_wait "it_holds a 192.0.2.101 && ! it_holds b 192.0.2.101" 2 "hard deleted (0) but a did not take VIP .101 back"
sleep 0.3
it_capture_stop

adverts=$(it_adverts)
n=$(it_count "$adverts" "\$1 < $t_demote && \$2 == \"a\" && \$3 == 51 && \$4 != 150")
((n == 0)) || it_fail "a advertised VRID 51 $n times at a priority other than 150 before maint changed"
n=$(it_count "$adverts" "\$1 > $t_demote && \$1 < $t_restore && \$2 == \"a\" && \$3 == 51 && \$4 == 90")
((n >= 1)) || it_fail "a never advertised VRID 51 at 90 (150 + 6 x -10) after maint = 6"
n=$(it_count "$adverts" "\$1 > $t_demote && \$1 < $t_restore && \$2 == \"a\" && \$3 == 51 && \$4 != 90")
((n == 0)) || it_fail "a advertised VRID 51 $n times at a priority other than 90 while maint = 6"
back=$(it_first "$adverts" "\$1 > $t_restore && \$2 == \"a\" && \$3 == 51 && \$4 == 150")
[[ -n "$back" ]] || it_fail "a never advertised VRID 51 at 150 again after maint = 0"
n=$(it_count "$adverts" "\$1 > $t_fault && \$1 < $t_unfault && \$2 == \"a\" && \$3 == 52 && \$4 == 0")
((n == 1)) || it_fail "a sent $n priority-0 adverts for VRID 52 on FAULT (expected 1)"
n=$(it_count "$adverts" "\$1 > $t_fault && \$1 < $t_unfault && \$2 == \"a\" && \$3 == 52 && \$4 != 0")
((n == 0)) || it_fail "a advertised VRID 52 $n times while in FAULT"

# ---- part 2: the same file and the same writes under vrrpctl and keepalived -------------------------------
it_lab tf2 a b
it_capture
shared="$(lab_dir)/shared"
definition="track_file shared {\n    file $shared\n    weight -10\n    init_file 0 overwrite\n}"
# instance INDEX VRID-BASE: the four instances, VRID BASE+INDEX, VIP .(BASE+INDEX).
four() {
    local base=$1 refs=("shared" "shared weight 7 reverse" "shared weight 0" "shared weight 3") i vrid prio
    for i in 1 2 3 4; do
        vrid=$((base + i))
        prio=150
        ((i == 4)) && prio=200
        it_instance name="VI_$vrid" vrid=$vrid prio=$prio vips="192.0.2.$vrid/24" \
            extra="    track_file {\n        ${refs[$((i - 1))]}\n    }"
    done
}
conf() { it_conf name=unused vrid=99 vips=192.0.2.99/24 scripts="$definition" | sed '/^vrrp_instance/,$d'; four "$1"; }
tf_vrrpctl a "$(conf 60)"
it_keepalived b "$(conf 70)"
it_wait "it_holds a 192.0.2.64 && it_holds b 192.0.2.74" 5 "vrrpctl and keepalived did not both become master"
sleep 0.5

steps=($'6\n' $'-5\n' $'26\n' $'30\n' $'abc\n' $'0x10\n' $' 4 trailing\n' $'2147483649\n' DELETE)
times=()
for value in "${steps[@]}"; do
    times+=("$(it_now)")
    if [[ "$value" == DELETE ]]; then rm -f -- "$shared"; else tf_write "$shared" "$value"; fi
    sleep 1.2
done
times+=("$(it_now)")
it_capture_stop
adverts=$(it_adverts)

# window STEP HOST VRID: the priorities HOST advertised for VRID in the last 0.5 s before the next step
# ("-" when silent, i.e. in FAULT).
window() {
    local from to
    to=${times[$(($1 + 1))]}
    from=$(awk -v t="$to" 'BEGIN { printf "%.6f", t - 0.5 }')
    awk -v f="$from" -v t="$to" -v h="$2" -v v="$3" '$1 >= f && $1 < t && $2 == h && $3 == v { p[$4] = 1 }
        END { s = ""; for (k in p) s = s (s == "" ? "" : ",") k; print (s == "" ? "-" : s) }' <<<"$adverts"
}
table=""
mismatch=""
for step in "${!steps[@]}"; do
    row=$(printf '%-14s' "$(printf '%q' "${steps[$step]}")")
    for i in 1 2 3 4; do
        ours=$(window "$step" a $((60 + i)))
        theirs=$(window "$step" b $((70 + i)))
        row+=$(printf ' %9s' "$ours/$theirs")
        [[ "$ours" == "$theirs" && "$ours" != *,* ]] || mismatch+=" step $step (${steps[$step]@Q}) VI $i: $ours vs $theirs;"
    done
    table+="$row"$'\n'
done
it_say $'value          w-10  w7rev  w0  w3@200 (vrrpctl/keepalived)\n'"$table"
[[ -z "$mismatch" ]] || it_fail "vrrpctl and keepalived advertise different priorities:$mismatch"$'\n'"$table"
# The arithmetic itself, on a few cells (the rest follows from equality with keepalived).
[[ "$(window 0 a 61)" == 90 && "$(window 2 a 61)" == - && "$(window 2 a 62)" == 1 && "$(window 3 a 64)" == 254 ]] ||
    it_fail "vrrpctl's priorities are not keepalived's rules (6 x -10 = 90, 26 x -10 = FAULT, clamps):"$'\n'"$table"
[[ "$(window 7 a 61)" == 110 && "$(window 8 a 61)" == 150 ]] ||
    it_fail "an out-of-range number was not ignored or a deleted file did not read 0:"$'\n'"$table"
it_pass
