#!/bin/sh
# Sends N VRRP adverts from one network namespace to another through VRRPSocket (vrrpctl send / listen) and
# reports wall time, packets received and system calls per advert (strace -c -f, a second run).
#
# Usage: sudo Benchmarks/netns/adapter-throughput.sh PATH/TO/vrrpctl [COUNT] [ipv4|ipv6]
# Namespaces: ${PREFIX:-vrrpsw-ad-bench}-{br,h1,h2}, removed on exit. Addresses: 192.0.2.0/24, 2001:db8::/64.
set -eu
VRRPCTL=$(readlink -f "$1")
COUNT=${2:-10000}
FAMILY=${3:-ipv4}
P=${PREFIX:-vrrpsw-ad-bench}
OUT=$(mktemp -d)

cleanup() {
    for ns in "$P-h1" "$P-h2" "$P-br"; do ip netns delete "$ns" 2>/dev/null || true; done
    rm -rf "$OUT"
}
trap cleanup EXIT INT TERM

ip netns add "$P-br"; ip netns add "$P-h1"; ip netns add "$P-h2"
ip -n "$P-br" link add br0 type bridge mcast_snooping 0 stp_state 0 forward_delay 0
ip netns exec "$P-br" sysctl -q -w net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
    2>/dev/null || true
ip -n "$P-br" link set br0 up
n=1
for h in h1 h2; do
    ip link add eth0 netns "$P-$h" type veth peer name "p$n" netns "$P-br"
    ip -n "$P-br" link set "p$n" master br0 up
    ip netns exec "$P-$h" sysctl -q -w net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.eth0.accept_dad=0 \
        net.ipv6.conf.eth0.dad_transmits=0 net.ipv6.conf.eth0.accept_ra=0 net.ipv4.conf.all.rp_filter=0 \
        net.ipv4.conf.eth0.rp_filter=0
    ip -n "$P-$h" addr add "192.0.2.$n/24" dev eth0
    ip -n "$P-$h" addr add "2001:db8::$n/64" dev eth0 nodad
    ip -n "$P-$h" link set eth0 up
    n=$((n + 1))
done
sleep 1
if [ "$FAMILY" = ipv6 ]; then ADDRESS=2001:db8::100; else ADDRESS=192.0.2.100; fi

# One run: $1 = listen flags ("" or --batch), $2 / $4 = listener / sender command prefix (strace), $3 = label.
run() {
    rm -f "$OUT/ready"
    ip netns exec "$P-h2" $2 "$VRRPCTL" listen -i eth0 --family "$FAMILY" --count "$COUNT" --timeout 60000 \
        --quiet $1 --ready-file "$OUT/ready" > "$OUT/listen.out" 2> "$OUT/listen.err" &
    listener=$!
    i=0
    while [ ! -e "$OUT/ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    start=$(date +%s%N)
    ip netns exec "$P-h1" $4 "$VRRPCTL" send -i eth0 --vrid 51 --address "$ADDRESS" --count "$COUNT" \
        --spacing 0 > "$OUT/send.out" 2> "$OUT/send.err"
    sent=$(date +%s%N)
    wait "$listener" || true
    echo "== $3: sender wall $(( (sent - start) / 1000000 )) ms for $COUNT adverts; listener:" \
        "$(grep summary "$OUT/listen.out" || cat "$OUT/listen.err")"
}

run "" "" "recvmsg, no strace" ""
run "--batch" "" "recvmmsg, no strace" ""
run "" "strace -c -f -o $OUT/strace-listen-recvmsg.txt" "recvmsg, listener under strace" \
    "strace -c -f -o $OUT/strace-send.txt"
run "--batch" "strace -c -f -o $OUT/strace-listen-recvmmsg.txt" "recvmmsg, listener under strace" ""
for f in strace-send strace-listen-recvmsg strace-listen-recvmmsg; do
    echo "== $f: the five busiest calls and the total (divide by $COUNT for calls per advert)"
    sort -k4 -n -r "$OUT/$f.txt" | grep -v -e '^-' -e total | head -5
    grep total "$OUT/$f.txt"
done
