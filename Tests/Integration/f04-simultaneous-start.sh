#!/usr/bin/env bash
# Failover checklist: simultaneous start. a (150) and b (100) start together; `ip addr` is sampled in both every
# 20 ms for 3 s. The higher priority wins (a holds the VIP, b does not, only a advertises at the end) and the
# two never both hold the VIP for longer than Master_Down_Interval. Run with both nodes `state MASTER` (each may
# claim at once) and with both `state BACKUP`.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init simultaneous-start

# sample FILE SECONDS: "MS A B" lines, A/B 1 when that host holds the VIP (on an up eth0), one line every 20 ms
# (or as fast as two `ip` calls allow on a loaded machine). No other process is forked in the loop.
sample() {
    local file=$1 end now next a b ns_a ns_b fifo fd
    ns_a=$(lab_ns a)
    ns_b=$(lab_ns b)
    fifo="$(lab_dir)/sleep.fifo"
    mkfifo "$fifo"
    exec {fd}<>"$fifo"
    now=${EPOCHREALTIME/./}
    end=$((now + $(_lab_ms "$2") * 1000))
    next=$now
    while ((now < end)); do
        a=$(ip -n "$ns_a" -o -4 addr show dev eth0 up 2>/dev/null)
        b=$(ip -n "$ns_b" -o -4 addr show dev eth0 up 2>/dev/null)
        [[ "$a" == *" 192.0.2.100/"* ]] && a=1 || a=0
        [[ "$b" == *" 192.0.2.100/"* ]] && b=1 || b=0
        now=${EPOCHREALTIME/./}
        printf '%d %s %s\n' $((now / 1000)) "$a" "$b" >>"$file"
        next=$((next + 20000))
        if ((next > now)); then
            read -r -t "0.$(printf '%06d' $((next - now)))" -u "$fd" || true
        else
            next=$now
        fi
        now=${EPOCHREALTIME/./}
    done
    exec {fd}>&-
}

# start_case SUFFIX STATE
start_case() {
    local state=$2 samples mdi
    it_lab "$1" a b
    it_capture
    samples="$(lab_dir)/samples"
    local host prio
    for host in a b; do
        prio=150
        if [[ $host == b ]]; then prio=100; fi
        mkdir -p "$(lab_dir "$host")"
        it_conf prio=$prio state="$state" >"$(lab_dir "$host")/keepalived.conf"
    done
    local t_start
    t_start=$(it_now)
    for host in a b; do
        ip netns exec "$(lab_ns "$host")" "$VRRPCTL" run -l -D -f "$(lab_dir "$host")/keepalived.conf" \
            >>"$(lab_dir "$host")/vrrpctl.log" 2>&1 &
        IT_PID[$host]=$!
        _lab_track_pid $!
    done
    sample "$samples" 3
    it_alive a && it_alive b || it_fail "state $state: a node exited"
    it_capture_stop

    mdi=$(it_mdi 3 0.1 100)
    local longest samples_n
    samples_n=$(wc -l <"$samples")
    # 150 at 20 ms; fewer on a loaded machine, where each `ip` takes ~10 ms: at least one every 50 ms.
    ((samples_n >= 60)) || it_fail "state $state: only $samples_n samples in 3 s"
    longest=$(awk '
        { last = $1 }
        $2 == 1 && $3 == 1 { if (since == "") since = $1; next }
        { if (since != "" && $1 - since > worst) worst = $1 - since; since = "" }
        END { if (since != "" && last - since >= worst) worst = last - since + 1; print worst + 0 }' "$samples")
    it_between "$longest" 0 "$mdi" ||
        it_fail "state $state: both held the VIP for $longest ms (Master_Down_Interval $mdi ms)"
    tail -n 1 "$samples" | grep -q ' 1 0$' || it_fail "state $state: at the end a does not hold the VIP alone"
    local adverts n
    adverts=$(it_adverts)
    n=$(it_count "$adverts" "\$1 > $t_start + 1.5 && \$2 == \"b\"")
    ((n == 0)) || it_fail "state $state: b still advertised ($n) 1.5 s after the start"
    n=$(it_count "$adverts" "\$1 > $t_start + 1.5 && \$2 == \"a\" && \$4 == 150")
    ((n >= 10)) || it_fail "state $state: a sent only $n adverts in its last 1.5 s"
    printf '  state %s: both held the VIP at most %s ms (Master_Down_Interval %s ms; %s samples)\n' "$state" \
        "$longest" "$mdi" "$samples_n"
}

start_case ssm MASTER
start_case ssb BACKUP
it_pass
