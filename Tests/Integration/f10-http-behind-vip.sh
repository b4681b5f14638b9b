#!/usr/bin/env bash
# Failover checklist: an HTTP service behind the VIP. a (150) and b (100) run vrrpctl and `python3 -m http.server`
# bound to 0.0.0.0 (each answers /id with its name); host c requests http://192.0.2.100:8080/id every 50 ms
# (timeout 250 ms) through three events: a graceful stop of a (SIGTERM), a's return (it preempts), and node loss
# of a (eth0 down and SIGKILL at once). Failed requests are counted per event and bounded: at most 3 around a
# graceful stop or a preemption, and an outage no longer than Master_Down_Interval + 500 ms at node loss; after
# each event the answers come from the expected node.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init http-behind-vip python3 curl
it_lab web a b c

for host in a b; do
    mkdir -p "$(lab_dir "$host")/www"
    printf '%s\n' "$host" >"$(lab_dir "$host")/www/id"
    ip netns exec "$(lab_ns "$host")" python3 -m http.server 8080 --bind 0.0.0.0 \
        --directory "$(lab_dir "$host")/www" >>"$(lab_dir "$host")/http.log" 2>&1 &
    _lab_track_pid $!
done
get() { ip netns exec "$(lab_ns c)" curl --noproxy '*' -s -m 0.25 "http://$1:8080/id" 2>/dev/null; }
it_wait "[[ \$(get 192.0.2.1) == a && \$(get 192.0.2.2) == b ]]" 10 "the HTTP servers did not come up"

it_vrrpctl a "$(it_conf prio=150)"
it_wait "it_holds a 192.0.2.100" 5 "a (priority 150) did not take the VIP"
it_vrrpctl b "$(it_conf prio=100)"
it_wait "[[ \$(get 192.0.2.100) == a ]]" 3 "the VIP does not reach a's server"

# The client: one request every 50 ms (a slow answer delays the next) until the stop file appears (at most 20 s).
# Lines: "EPOCH-US ANSWER".
probes="$(lab_dir)/probes"
stop="$(lab_dir)/stop"
ip netns exec "$(lab_ns c)" bash -c '
    end=$((SECONDS + 20))
    next=${EPOCHREALTIME/./}
    while [[ ! -e "$2" ]] && ((SECONDS < end)); do
        t=${EPOCHREALTIME/./}
        body=$(curl --noproxy "*" -s -m 0.25 http://192.0.2.100:8080/id 2>/dev/null)
        printf "%s %s\n" "$t" "${body:-FAIL}" >>"$1"
        next=$((next + 50000))
        now=${EPOCHREALTIME/./}
        if ((next > now)); then sleep "0.$(printf "%06d" $((next - now)))"; else next=$now; fi
    done' probe "$probes" "$stop" &
client=$!
_lab_track_pid $client
sleep 1

us() { local t=${EPOCHREALTIME/./}; printf '%s\n' "$t"; }
t_term=$(us)
kill -TERM "${IT_PID[a]}"
it_wait "it_holds b 192.0.2.100" 2 "b did not take the VIP after a's graceful stop"
sleep 1.2
t_back=$(us)
it_vrrpctl a "$(it_conf prio=150)"
it_wait "it_holds a 192.0.2.100 && ! it_holds b 192.0.2.100" 3 "the restarted a did not take the VIP back"
sleep 1.2
t_loss=$(us)
ip -n "$(lab_ns a)" link set eth0 down
kill -KILL "${IT_PID[a]}"
it_wait "it_holds b 192.0.2.100" 2 "b did not take the VIP after a's node loss"
sleep 1.5
touch "$stop"
lab_wait_for "! _lab_alive $client" 2 >/dev/null 2>&1 || it_fail "the HTTP client did not stop"

[[ -s "$probes" ]] || it_fail "the client recorded no request"
total=$(wc -l <"$probes")
# failures FROM TO: failed requests started in [FROM, TO) (microseconds).
failures() { awk -v f="$1" -v t="$2" '$1 >= f && $1 < t && $2 == "FAIL" { n++ } END { print n + 0 }' "$probes"; }
# answers_after FROM: the distinct answers of the last 500 ms before the next event (FROM = that event).
last_answer() { awk -v t="$1" '$1 < t && $2 != "FAIL" { a = $2 } END { print a }' "$probes"; }
before=$(failures 0 "$t_term")
graceful=$(failures "$t_term" "$t_back")
preempt=$(failures "$t_back" "$t_loss")
loss=$(failures "$t_loss" 99999999999999999)
# failed_at FROM TO: when the failed requests of [FROM, TO) started, in ms after the client's first request.
first=$(awk 'NR == 1 { print $1 }' "$probes")
failed_at() {
    awk -v f="$1" -v t="$2" -v z="$first" '$1 >= f && $1 < t && $2 == "FAIL" {
        printf "%s%.0f", (n++ ? "," : ""), ($1 - z) / 1000 }' "$probes"
}
((before == 0)) || it_fail "$before requests failed before any event (at $(failed_at 0 "$t_term") ms; SIGTERM at \
$(((t_term - first) / 1000)) ms; $total requests in all)"
((graceful <= 3)) || it_fail "$graceful requests failed around a's graceful stop (bound 3)"
((preempt <= 3)) || it_fail "$preempt requests failed around a's preemption (bound 3)"
[[ $(last_answer "$t_back") == b ]] || it_fail "after a's graceful stop b did not answer"
[[ $(last_answer "$t_loss") == a ]] || it_fail "after a's return a did not answer"
[[ $(last_answer 99999999999999999) == b ]] || it_fail "after a's node loss b did not answer"
outage=$(awk -v t="$t_loss" '
    $1 < t && $2 != "FAIL" { ok = $1 }
    $1 >= t && $2 != "FAIL" { print int(($1 - ok) / 1000); exit }' "$probes")
mdi=$(it_mdi 3 0.1 100)
it_between "${outage:-99999}" 0 "$(awk -v m="$mdi" 'BEGIN { print m + 500 }')" ||
    it_fail "node loss: no answer for ${outage:-?} ms (Master_Down_Interval $mdi ms + 500 ms)"
printf '  %s requests; failed: graceful stop %s, preemption %s, node loss %s (no answer for %s ms)\n' \
    "$total" "$graceful" "$preempt" "$loss" "$outage"
it_pass
