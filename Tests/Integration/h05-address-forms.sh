#!/usr/bin/env bash
# Every form of virtual address, under keepalived 2.2.7 and then vrrpctl as the master of one IPv4 instance:
#   virtual_ipaddress          192.0.2.100/24 brd 192.0.2.255 dev eth0 label eth0:vip
#                              192.0.2.101/32 scope link
#                              192.0.2.102            (no prefix: /32)
#   virtual_ipaddress_excluded 2001:db8::100/64        (the other family, keepalived's way to move IPv6 addresses
#                              fe80::100/64             with an IPv4 instance)
# The kernel must hold the same five addresses under both (ip -j addr, field for field: prefix, broadcast, label,
# scope, flags), and each master must announce them on the wire: a gratuitous ARP for each IPv4 address and an
# unsolicited neighbour advertisement for 2001:db8::100, while the adverts carry the three IPv4 addresses only.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init address-forms keepalived jq

excluded='    virtual_ipaddress_excluded {\n        2001:db8::100/64\n        fe80::100/64\n    }'
ipv4='        192.0.2.100/24 brd 192.0.2.255 dev eth0 label eth0:vip\n'
ipv4+='        192.0.2.101/32 scope link\n        192.0.2.102'

# addresses: a's virtual addresses on eth0 as sorted JSON, lifetimes left out.
addresses() {
    ip -n "$(lab_ns a)" -j addr show dev eth0 | jq -S '[.[].addr_info[]
        | select(.local | test("^(192[.]0[.]2[.]10[0-2]|2001:db8::100|fe80::100)$"))
        | del(.valid_life_time, .preferred_life_time)] | sort_by(.local)'
}

declare -A held

# forms_case SUFFIX IMPLEMENTATION
forms_case() {
    local implementation=$2 config
    it_lab "$1" a
    it_capture
    config=$(it_conf prio=150 extra="$excluded" | awk -v v4="$ipv4" '
        /^        192.0.2.100\/24$/ { gsub(/\\n/, "\n", v4); print v4; next } { print }')
    if [[ "$implementation" == keepalived ]]; then it_keepalived a "$config"; else it_vrrpctl a "$config"; fi
    it_wait "it_holds a 192.0.2.100 && it_holds a 192.0.2.102 && it_holds a 2001:db8::100" 5 \
        "$implementation did not take the addresses"
    sleep 1.5
    held[$implementation]=$(addresses)
    it_capture_stop

    local mac address n
    mac=$(it_mac a)
    for address in 192.0.2.100 192.0.2.101 192.0.2.102; do
        n=$(tshark -r "$IT_PCAP" -Y "arp && eth.src == $mac && arp.src.proto_ipv4 == $address" 2>/dev/null | wc -l)
        ((n > 0)) || it_fail "$implementation sent no gratuitous ARP for $address"
    done
    n=$(tshark -r "$IT_PCAP" \
        -Y "icmpv6.type == 136 && eth.src == $mac && icmpv6.nd.na.target_address == 2001:db8::100" 2>/dev/null |
        wc -l)
    ((n > 0)) || it_fail "$implementation sent no unsolicited neighbour advertisement for 2001:db8::100"
    local counts
    counts=$(tshark -r "$IT_PCAP" -Y "vrrp && eth.src == $mac" -T fields -e vrrp.addr_count 2>/dev/null | sort -u |
        tr '\n' ' ')
    [[ "$counts" == "3 " ]] || it_fail "$implementation's adverts carry address counts '$counts', not 3"
    printf '  %s: 5 addresses held; gratuitous ARP for the three IPv4 ones, NA for 2001:db8::100; adverts carry 3\n' \
        "$implementation"
}

forms_case afk keepalived
forms_case afv vrrpctl
if [[ "${held[keepalived]}" != "${held[vrrpctl]}" ]]; then
    diff <(printf '%s\n' "${held[keepalived]}") <(printf '%s\n' "${held[vrrpctl]}") | head -n 40
    it_fail "vrrpctl holds the addresses differently from keepalived 2.2.7 (diff above: < keepalived)"
fi
printf '  the same file: keepalived 2.2.7 and vrrpctl hold the same %s addresses, field for field\n' \
    "$(jq length <<<"${held[vrrpctl]}")"
it_pass
