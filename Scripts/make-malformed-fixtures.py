#!/usr/bin/env python3
"""Writes Fixtures/pcap/malformed.pcap and malformed.tsv: hand-made VRRP frames, each broken in one way.

Every frame is Ethernet + IPv4 or IPv6 + a VRRP message in which exactly one thing is wrong (or, for the
reference frames, nothing). All other fields are consistent: IP lengths and header checksums are right, and
the VRRP checksum is right for the bytes present unless the checksum is the point of the frame. So a decoder
that checks in any order reports the one error named in malformed.tsv.

The error names are the codes of Sources/VRRPWire/WireError.swift; `valid` marks frames that decode.

Usage: Scripts/make-malformed-fixtures.py [OUTPUT_DIR]   (default: Fixtures/pcap next to this script)
Python 3 standard library only. The output is byte-for-byte the same on every run.
"""

import os
import struct
import sys

# Documentation addresses only (RFC 5737, RFC 3849).
SOURCE4 = bytes([192, 0, 2, 1])
GROUP4 = bytes([224, 0, 0, 18])
VIP4 = [bytes([192, 0, 2, 100]), bytes([192, 0, 2, 101])]
SOURCE6 = bytes.fromhex("fe80000000000000" "00005efffe100001")  # fe80::5eff:fe10:1
GROUP6 = bytes.fromhex("ff020000000000000000000000000012")
VIP6 = [bytes.fromhex("20010db8000000000000000000000100"), bytes.fromhex("20010db8000000000000000000000101")]

MAC_GROUP4 = bytes.fromhex("01005e000012")
MAC_GROUP6 = bytes.fromhex("333300000012")
MAC_SOURCE4 = bytes.fromhex("00005e000133")  # VRRP virtual MAC of VRID 51, IPv4
MAC_SOURCE6 = bytes.fromhex("00005e000233")  # VRRP virtual MAC of VRID 51, IPv6

VRRP_PROTOCOL = 112
LINKTYPE_ETHERNET = 1
BASE_TIME = 1767225600  # 2026-01-01T00:00:00Z; frame n is n × 100 ms later.


def fold(total: int) -> int:
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def ones_sum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\x00"
    return fold(sum(struct.unpack(f"!{len(data) // 2}H", data)))


def checksum(data: bytes) -> int:
    """RFC 1071: the complement of the folded one's complement sum."""
    return (~ones_sum(data)) & 0xFFFF


def pseudo_header(source: bytes, destination: bytes, length: int) -> bytes:
    if len(source) == 4:
        return source + destination + struct.pack("!BBH", 0, VRRP_PROTOCOL, length)
    return source + destination + struct.pack("!I3xB", length, VRRP_PROTOCOL)


def vrrp_v3(vrid=51, priority=100, count=None, addresses=(), interval=100, version=3, kind=1, reserved=0):
    """A VRRPv3 message with its checksum field zero; `count` defaults to the number of addresses."""
    if count is None:
        count = len(addresses)
    header = struct.pack("!BBBBHH", (version << 4) | kind, vrid, priority, count, (reserved << 12) | interval, 0)
    return bytearray(header + b"".join(addresses))


def vrrp_v2(vrid=51, priority=100, count=None, addresses=(), auth_type=0, interval=1, auth_data=bytes(8),
            version=2, kind=1):
    """A VRRPv2 message with its checksum field zero."""
    if count is None:
        count = len(addresses)
    header = struct.pack("!BBBBBBH", (version << 4) | kind, vrid, priority, count, auth_type, interval, 0)
    return bytearray(header + b"".join(addresses) + auth_data)


def with_checksum(message: bytearray, value: int) -> bytes:
    message[6:8] = struct.pack("!H", value)
    return bytes(message)


def sign_v2(message: bytearray) -> bytes:
    """The RFC 3768 checksum: over the VRRP message only."""
    return with_checksum(message, checksum(bytes(message)))


def sign_v3(message: bytearray, source: bytes, destination: bytes) -> bytes:
    """The RFC 5798 checksum: over a pseudo-header and the VRRP message."""
    return with_checksum(message, checksum(pseudo_header(source, destination, len(message)) + bytes(message)))


def ipv4_frame(payload: bytes, ttl=255, identification=0, source=SOURCE4, destination=GROUP4) -> bytes:
    header = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(payload), identification, 0, ttl,
                                   VRRP_PROTOCOL, 0, source, destination))
    header[10:12] = struct.pack("!H", checksum(bytes(header)))
    return MAC_GROUP4 + MAC_SOURCE4 + b"\x08\x00" + bytes(header) + payload


def ipv6_frame(payload: bytes, hop_limit=255, source=SOURCE6, destination=GROUP6) -> bytes:
    header = struct.pack("!IHBB16s16s", (6 << 28) | (0xC0 << 20), len(payload), VRRP_PROTOCOL, hop_limit,
                         source, destination)
    return MAC_GROUP6 + MAC_SOURCE6 + b"\x86\xdd" + header + payload


def frames():
    """(frame bytes, expected error code, note) in file order."""
    v4 = (SOURCE4, GROUP4)
    v6 = (SOURCE6, GROUP6)
    out = []

    def add(frame, code, note):
        out.append((frame, code, note))

    # Reference frames that decode.
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1]))), "valid",
        "reference: VRRPv2 IPv4, VRID 51, priority 100, 192.0.2.100, no auth, 1 s")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1]), *v4)), "valid",
        "reference: VRRPv3 IPv4, VRID 51, priority 100, 192.0.2.100, 100 cs, pseudo-header checksum")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1]), *v6)), "valid",
        "reference: VRRPv3 IPv6, VRID 51, priority 100, 2001:db8::100, 100 cs")

    # truncated: fewer than the 8 octets of the header.
    add(ipv4_frame(bytes(vrrp_v3(addresses=VIP4[:1]))[:6]), "truncated",
        "VRRPv3 IPv4 message of 6 octets (header cut after Max Adver Int)")
    add(ipv4_frame(b""), "truncated", "IPv4 packet with protocol 112 and an empty payload (0 octets)")
    add(ipv6_frame(bytes(vrrp_v3(addresses=VIP6[:1]))[:7]), "truncated",
        "VRRPv3 IPv6 message of 7 octets")

    # badVersion.
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], version=1), *v4)), "badVersion",
        "version 1, otherwise a valid VRRPv3 IPv4 message (checksum right for its bytes)")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], version=4), *v4)), "badVersion",
        "version 4, otherwise a valid VRRPv3 IPv4 message")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1], version=0), *v6)), "badVersion",
        "version 0 over IPv6")

    # badType.
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], kind=2), *v4)), "badType",
        "VRRPv3 IPv4, type 2 (only 1, ADVERTISEMENT, exists)")
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], kind=0))), "badType", "VRRPv2, type 0")

    # addressCountMismatch: the count says one thing, the length another.
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], count=2), *v4)), "addressCountMismatch",
        "VRRPv3 IPv4, count 2 but one address (4 octets too few)")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:2], count=1), *v4)), "addressCountMismatch",
        "VRRPv3 IPv4, count 1 but two addresses (4 octets too many)")
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], count=2))), "addressCountMismatch",
        "VRRPv2, count 2 but one address and the auth data (4 octets too few)")
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], auth_data=b""))), "addressCountMismatch",
        "VRRPv2, count 1 but no authentication data (8 octets too few)")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1], count=2), *v6)), "addressCountMismatch",
        "VRRPv3 IPv6, count 2 but one address (16 octets too few)")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1] + [bytes(4)], count=1), *v6)), "addressCountMismatch",
        "VRRPv3 IPv6, count 1 with 4 trailing octets (4 octets too many)")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], count=0), *v4)), "addressCountMismatch",
        "VRRPv3 IPv4, count 0 with one address present")

    # badChecksum.
    good = sign_v2(vrrp_v2(addresses=VIP4[:1]))
    add(ipv4_frame(with_checksum(bytearray(good), struct.unpack("!H", good[6:8])[0] ^ 0x0001)), "badChecksum",
        "VRRPv2, checksum with its lowest bit flipped")
    good = sign_v3(vrrp_v3(addresses=VIP4[:1]), *v4)
    add(ipv4_frame(with_checksum(bytearray(good), struct.unpack("!H", good[6:8])[0] ^ 0x0100)), "badChecksum",
        "VRRPv3 IPv4, checksum wrong with and without the pseudo-header")
    good = sign_v3(vrrp_v3(addresses=VIP6[:1]), *v6)
    add(ipv6_frame(with_checksum(bytearray(good), struct.unpack("!H", good[6:8])[0] ^ 0x8000)), "badChecksum",
        "VRRPv3 IPv6, checksum with its highest bit flipped")
    add(ipv6_frame(with_checksum(vrrp_v3(addresses=VIP6[:1]), checksum(bytes(vrrp_v3(addresses=VIP6[:1]))))),
        "badChecksum", "VRRPv3 IPv6, checksum computed without the pseudo-header (required over IPv6)")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1]), SOURCE4, GROUP4), destination=bytes([192, 0, 2, 2])),
        "valid", "VRRPv3 IPv4 unicast to 192.0.2.2, pseudo-header checksum computed with 224.0.0.18 "
        "(keepalived old_unicast_checksum: accepted, reported as that variant)")

    # unknownAuthType.
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], auth_type=3))), "unknownAuthType",
        "VRRPv2, authentication type 3")
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], auth_type=255))), "unknownAuthType",
        "VRRPv2, authentication type 255")

    # zeroInterval.
    add(ipv4_frame(sign_v2(vrrp_v2(addresses=VIP4[:1], interval=0))), "zeroInterval", "VRRPv2, Adver Int 0")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1], interval=0), *v4)), "zeroInterval",
        "VRRPv3 IPv4, Max Adver Int 0")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1], interval=0, reserved=0xF), *v6)), "zeroInterval",
        "VRRPv3 IPv6, Max Adver Int 0 with the 4 reserved bits set (they must not hide the zero)")

    # ipv6InVersion2.
    add(ipv6_frame(sign_v2(vrrp_v2(addresses=VIP6[:1]))), "ipv6InVersion2",
        "a VRRPv2 message (one IPv6 address, no auth) carried over IPv6")

    # Valid variants.
    add(ipv4_frame(with_checksum(vrrp_v3(addresses=VIP4[:1]), checksum(bytes(vrrp_v3(addresses=VIP4[:1]))))),
        "valid", "VRRPv3 IPv4, checksum without the pseudo-header (RFC 9568 / Cisco / "
        "keepalived v3_checksum_as_v2 variant)")
    add(ipv4_frame(sign_v3(vrrp_v3(addresses=VIP4[:1]), *v4), ttl=64), "valid",
        "VRRPv3 IPv4, valid message but IP TTL 64 (the receiver must discard it: TTL error, RFC 5798 §7.1)")
    add(ipv6_frame(sign_v3(vrrp_v3(addresses=VIP6[:1]), *v6), hop_limit=64), "valid",
        "VRRPv3 IPv6, valid message but hop limit 64 (the receiver must discard it)")
    return out


def write_pcap(path, records):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, LINKTYPE_ETHERNET))
        for index, (frame, _, _) in enumerate(records):
            micros = index * 100_000
            f.write(struct.pack("<IIII", BASE_TIME + micros // 1_000_000, micros % 1_000_000, len(frame),
                                len(frame)))
            f.write(frame)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.normpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "Fixtures", "pcap"))
    os.makedirs(out_dir, exist_ok=True)
    records = frames()
    write_pcap(os.path.join(out_dir, "malformed.pcap"), records)
    with open(os.path.join(out_dir, "malformed.tsv"), "w", encoding="utf-8") as f:
        f.write("frame\texpected_error_code\tnote\n")
        for index, (_, code, note) in enumerate(records, start=1):
            f.write(f"{index}\t{code}\t{note}\n")
    print(f"wrote {len(records)} frames to {os.path.join(out_dir, 'malformed.pcap')} and malformed.tsv")
    update_readme(os.path.join(out_dir, "README.md"), records)


def update_readme(path, records):
    """Replaces the table between the malformed markers of README.md, when there is one."""
    begin, end = "<!-- malformed:begin -->", "<!-- malformed:end -->"
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return
    if begin not in text or end not in text:
        return
    rows = ["| Frame | Expected error code | Family | Length | Note |", "|---:|---|---|---:|---|"]
    for index, (frame, code, note) in enumerate(records, start=1):
        family = "IPv4" if frame[12:14] == b"\x08\x00" else "IPv6"
        rows.append(f"| {index} | `{code}` | {family} | {len(frame)} | {note} |")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + begin + "\n" + "\n".join(rows) + "\n" + end + tail)
    print(f"updated the malformed table in {path}")


if __name__ == "__main__":
    main()
