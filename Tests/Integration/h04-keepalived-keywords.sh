#!/usr/bin/env bash
# keepalived's advert tunables on the wire, each run with keepalived 2.2.7 and then vrrpctl on the same
# configuration (VRRPv3, 100 ms adverts, VRID 51, VIP 192.0.2.100):
#   - lower_prio_no_advert: master a (150) hears c (vrrpctl, 100, 250 ms), which an nftables rule in c's namespace
#     keeps deaf to a, so c stays master too. Without the keyword a answers each of c's adverts within 10 ms and
#     its advert timer restarts from the answer (keepalived's behaviour: 24 adverts in 2 s, gaps of 50 ms after
#     each answer); with it a keeps its own 100 ms rhythm, 20 adverts in 2 s.
#   - higher_prio_send_advert: master a (150) hears c (200). With the keyword a answers c's first advert with one
#     of its own (within 20 ms here) and falls silent; without it, nothing off its 100 ms rhythm follows c's first.
#   - down_timer_adverts 5: b (100) backs up a (vrrpctl, 150); SIGKILL to a; b's first advert follows a's last
#     after 5 × 100 ms + Skew_Time = 560.9 ms instead of 360.9 ms.
#   - unicast_fault_no_peer: unicast_src_ip and no peers: the instance stays in FAULT, never advertises nor takes
#     the VIP (without the keyword both fall back to multicast, as c's control shows).
#   - vrrp_startup_delay 1: alone, a (150) neither advertises nor takes the VIP before 1 s + Master_Down_Interval
#     (1341.4 ms) after it was started, the address owner (255) no sooner than 1300.4 ms either.
# The counts and times of both implementations are printed side by side.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-keywords keepalived

# deaf HOST ADDRESS: HOST's kernel drops VRRP from ADDRESS before any socket sees it (nftables, input hook).
deaf() {
    ip netns exec "$(lab_ns "$1")" nft "add table ip h04; add chain ip h04 in { type filter hook input priority 0; }; \
add rule ip h04 in ip saddr $2 ip protocol 112 drop" || it_fail "cannot add the nftables drop rule in $1"
}

# start_as IMPLEMENTATION HOST CONFIG
start_as() {
    if [[ "$1" == keepalived ]]; then it_keepalived "$2" "$3"; else it_vrrpctl "$2" "$3"; fi
}

# lower_case SUFFIX IMPLEMENTATION KEYWORD(yes|no): a (150, 100 ms) hears c's priority 100 every 250 ms for 2 s.
lower_case() {
    local implementation=$2 keyword=$3 extra=""
    [[ "$keyword" == yes ]] && extra="    lower_prio_no_advert"
    it_lab "$1" a c
    it_capture
    start_as "$implementation" a "$(it_conf prio=150 extra="$extra")"
    it_wait "it_holds a 192.0.2.100" 5 "$implementation a did not take the VIP"
    deaf c 192.0.2.1
    it_vrrpctl c "$(it_conf prio=100 int=0.25)"
    it_wait "it_holds c 192.0.2.100" 5 "c (deaf to a) did not become master"
    sleep 2.8
    it_capture_stop
    local adverts first from to n_a n_c answered gap
    adverts=$(it_adverts)
    first=$(it_first "$adverts" "\$2 == \"c\" && \$4 == 100")
    [[ -n "$first" ]] || it_fail "c sent no advert"
    from=$(awk -v f="$first" 'BEGIN { printf "%.6f", f + 0.1 }')
    to=$(awk -v f="$first" 'BEGIN { printf "%.6f", f + 2.1 }')
    n_c=$(it_count "$adverts" "\$2 == \"c\" && \$1 > $from && \$1 <= $to")
    n_a=$(it_count "$adverts" "\$2 == \"a\" && \$4 == 150 && \$1 > $from && \$1 <= $to")
    ((n_c >= 7)) || it_fail "c sent only $n_c adverts in 2 s (250 ms interval)"
    # c's adverts followed by one of a's within 10 ms, and the shortest gap between two of a's adverts.
    answered=$(awk -v from="$from" -v to="$to" '
        $1 > from && $1 <= to && $2 == "c" { pending = $1 }
        $2 == "a" && pending != "" && $1 - pending <= 0.010 { n++; pending = "" }
        END { print n + 0 }' <<<"$adverts")
    gap=$(awk -v from="$from" -v to="$to" '
        $2 == "a" && $1 > from && $1 <= to {
            if (last != "" && (min == "" || $1 - last < min)) min = $1 - last
            last = $1
        }
        END { printf "%.1f\n", min * 1000 }' <<<"$adverts")
    if [[ "$keyword" == yes ]]; then
        ((n_a >= 18 && n_a <= 22)) ||
            it_fail "$implementation a with lower_prio_no_advert sent $n_a adverts in 2 s (nominal 20)"
        # Steady 100 ms: a late wake-up on a busy host shortens the next gap (the timers run on absolute deadlines;
        # seen: 74 ms), an answer would come at any phase of c's 250 ms: the count above is the sharper test.
        it_between "$gap" 50 120 ||
            it_fail "$implementation a with lower_prio_no_advert: an advert $gap ms after another"
    else
        # One late answer is tolerated on a busy host.
        ((answered >= n_c - 1)) || it_fail "$implementation a answered $answered of c's $n_c lower-priority adverts"
        it_between "$gap" 0 70 ||
            it_fail "$implementation a's shortest gap is $gap ms: its timer did not restart from its answers"
    fi
    printf '  %-10s lower_prio_no_advert %-3s: a sent %2d adverts in 2 s (c %d), %d within 10 ms of c'"'"'s, %s\n' \
        "$implementation" "$keyword" "$n_a" "$n_c" "$answered" "shortest gap $gap ms"
}

# higher_case SUFFIX IMPLEMENTATION KEYWORD(yes|no)
higher_case() {
    local implementation=$2 keyword=$3 extra=""
    [[ "$keyword" == yes ]] && extra="    higher_prio_send_advert"
    it_lab "$1" a c
    it_capture
    start_as "$implementation" a "$(it_conf prio=150 extra="$extra")"
    it_wait "it_holds a 192.0.2.100" 5 "$implementation a did not take the VIP"
    deaf c 192.0.2.1
    it_vrrpctl c "$(it_conf prio=200)"
    it_wait "! it_holds a 192.0.2.100" 5 "$implementation a kept the VIP after c's priority 200"
    sleep 1
    it_capture_stop
    local adverts first after gap offbeat answer
    adverts=$(it_adverts)
    first=$(it_first "$adverts" "\$2 == \"c\" && \$4 == 200")
    [[ -n "$first" ]] || it_fail "c sent no advert"
    # a's adverts from c's first on. A busy host may still send one or two on its own rhythm before it reads c's
    # advert; the answer is the one off that rhythm (not 100 ± 10 ms after a's previous advert).
    after=$(it_count "$adverts" "\$2 == \"a\" && \$1 >= $first")
    offbeat=$(awk -v f="$first" '$2 == "a" { if ($1 >= f && (last == "" || $1 - last < 0.09 || $1 - last > 0.11)) n++
        last = $1 } END { print n + 0 }' <<<"$adverts")
    # Whether a's last advert follows one of c's within 20 ms: an answer.
    answer=$(awk '$2 == "c" { c = $1 } $2 == "a" { last = $1; lc = c } END { print (lc != "" && last - lc <= 0.02) }' \
        <<<"$adverts")
    if [[ "$keyword" == yes ]]; then
        gap=$(it_ms "$first" "$(it_last "$adverts" "\$2 == \"a\"")")
        if ((after < 1 || after > 3 || (answer == 0 && offbeat == 0))) || ! it_between "$gap" 0 350; then
            awk -v f="$first" '$1 > f - 0.3 && $1 < f + 0.5 { print "   ", $1 - f, $2, $4 }' <<<"$adverts" >&2
            it_fail "$implementation a with higher_prio_send_advert sent $after adverts after c's first"
        fi
        printf '  %-10s higher_prio_send_advert yes: %d advert(s) p=150 from c'"'"'s p=200 on, %s\n' \
            "$implementation" "$after" "the last $gap ms after it"
    else
        ((after <= 2 && offbeat == 0)) ||
            it_fail "$implementation a sent $after adverts after c's higher-priority one, $offbeat off its rhythm"
        printf '  %-10s higher_prio_send_advert no : %d advert(s) after c'"'"'s first, none off its rhythm\n' \
            "$implementation" "$after"
    fi
}

# down_case SUFFIX IMPLEMENTATION: b runs IMPLEMENTATION with down_timer_adverts 5.
down_case() {
    local implementation=$2
    it_lab "$1" a b
    it_capture
    it_vrrpctl a "$(it_conf prio=150)"
    it_wait "it_holds a 192.0.2.100" 5 "a did not take the VIP"
    start_as "$implementation" b "$(it_conf prio=100 extra="    down_timer_adverts 5")"
    sleep 1.5
    it_check "! it_holds b 192.0.2.100" "$implementation b holds the VIP while a is master"
    it_crash a
    it_wait "it_holds b 192.0.2.100" 3 "$implementation b did not take over"
    sleep 0.3
    it_capture_stop
    local adverts last first took expected
    adverts=$(it_adverts)
    last=$(it_last "$adverts" "\$2 == \"a\"")
    first=$(it_first "$adverts" "\$2 == \"b\" && \$1 > $last")
    [[ -n "$last" && -n "$first" ]] || it_fail "no takeover on the wire"
    took=$(it_ms "$last" "$first")
    expected=$(awk -v m="$(it_mdi 3 0.1 100)" 'BEGIN { printf "%.1f\n", m + 200 }')
    it_between "$took" "$(awk -v e="$expected" 'BEGIN { print e - 5 }')" \
        "$(awk -v e="$expected" 'BEGIN { print e + 120 }')" ||
        it_fail "$implementation b took over $took ms after a's last advert; 5 adverts + Skew_Time is $expected ms"
    printf '  %-10s down_timer_adverts 5: takeover %s ms after the last advert (5 × 100 ms + Skew_Time = %s)\n' \
        "$implementation" "$took" "$expected"
}

# fault_case SUFFIX IMPLEMENTATION: a has unicast_fault_no_peer, c the same without it (control).
fault_case() {
    local implementation=$2
    it_lab "$1" a c
    it_capture
    start_as "$implementation" a "$(it_conf prio=150 src=192.0.2.1 extra="    unicast_fault_no_peer")"
    start_as "$implementation" c "$(it_conf vrid=52 vips=192.0.2.102/24 prio=150 src=192.0.2.3)"
    it_wait "it_holds c 192.0.2.102" 5 "$implementation c (no unicast_fault_no_peer) did not go multicast master"
    sleep 1
    it_capture_stop
    it_check "! it_holds a 192.0.2.100" "$implementation a took the VIP without unicast peers"
    local adverts n_a n_c
    adverts=$(it_adverts)
    n_a=$(it_count "$adverts" "\$2 == \"a\"")
    n_c=$(it_count "$adverts" "\$2 == \"c\" && \$6 == \"224.0.0.18\"")
    ((n_a == 0)) || it_fail "$implementation a sent $n_a adverts with unicast_fault_no_peer and no peers"
    ((n_c > 5)) || it_fail "$implementation c sent only $n_c multicast adverts"
    printf '  %-10s unicast_fault_no_peer: silent, no VIP (the same without it: %d multicast adverts)\n' \
        "$implementation" "$n_c"
}

# startup_case SUFFIX IMPLEMENTATION PRIORITY: a alone with vrrp_startup_delay 1.
startup_case() {
    local implementation=$2 priority=$3
    it_lab "$1" a
    it_capture
    local started
    started=$(it_now)
    start_as "$implementation" a "$(it_conf prio="$priority" global="    vrrp_startup_delay 1")"
    it_never "it_holds a 192.0.2.100" 0.9 "$implementation a took the VIP during vrrp_startup_delay"
    it_wait "it_holds a 192.0.2.100" 3 "$implementation a never took the VIP after vrrp_startup_delay"
    sleep 0.2
    it_capture_stop
    local adverts first took expected
    adverts=$(it_adverts)
    first=$(it_first "$adverts" "\$2 == \"a\"")
    [[ -n "$first" ]] || it_fail "$implementation a never advertised"
    took=$(it_ms "$started" "$first")
    expected=$(awk -v m="$(it_mdi 3 0.1 "$priority")" 'BEGIN { printf "%.1f\n", 1000 + m }')
    # The lower bound is the rule (no advert before the delay and a Master_Down_Interval); the upper one only
    # catches a delay ignored twice over: a start on a busy host (keepalived forks, reads, opens its netlink and
    # VRRP sockets) was seen to take 680 ms more.
    it_between "$took" "$expected" "$(awk -v e="$expected" 'BEGIN { print e + 1000 }')" ||
        it_fail "$implementation a (priority $priority) first advertised $took ms after its start; expected $expected"
    printf '  %-10s vrrp_startup_delay 1, priority %s: first advert %s ms after start (1 s + MDI = %s)\n' \
        "$implementation" "$priority" "$took" "$expected"
}

# Arguments (for a single run by hand) pick cases by name, e.g. `lower higher` or `down`; none runs them all.
selected=" ${*:-lower higher down fault startup} "
for implementation in keepalived vrrpctl; do
    tag=${implementation:0:1}
    if [[ "$selected" == *" lower "* ]]; then
        lower_case "lo${tag}n" "$implementation" no
        lower_case "lo${tag}y" "$implementation" yes
    fi
    if [[ "$selected" == *" higher "* ]]; then
        higher_case "hi${tag}n" "$implementation" no
        higher_case "hi${tag}y" "$implementation" yes
    fi
    if [[ "$selected" == *" down "* ]]; then down_case "dt$tag" "$implementation"; fi
    if [[ "$selected" == *" fault "* ]]; then fault_case "uf$tag" "$implementation"; fi
    if [[ "$selected" == *" startup "* ]]; then
        startup_case "sd$tag" "$implementation" 150
        startup_case "so$tag" "$implementation" 255
    fi
done
it_pass
