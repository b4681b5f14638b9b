import ArgumentParser
import Glibc
import VRRPSocket
import VRRPWire

/// `vrrpctl listen` (hidden): receive advertisements through VRRPSocket and print one JSON line each.
struct ListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive VRRP packets on an interface and print one JSON line per packet (test probe).",
        shouldDisplay: false
    )

    @Option(name: [.short, .long], help: "The interface to listen on.")
    var interface: String

    @Option(help: "Address family: ipv4 or ipv6.")
    var family: String = "ipv4"

    @Option(help: "Stop after this many packets.")
    var count: Int = 1

    @Option(help: "Give up after this many milliseconds.")
    var timeout: Int = 5000

    @Option(help: "IP protocol: vrrp (112) or ah (51, VRRPv2 auth_type AH; IPv4).")
    var ipProtocol: String = "vrrp"

    @Option(
        name: .customLong("ah-pass"),
        help: "With --ip-protocol ah: check each packet's keepalived AH ICV with this auth_pass (\"icv\" field).")
    var ahPass: String?

    @Option(name: .customLong("accept-from"), help: "Accept only these sources (repeat).")
    var acceptFrom: [String] = []

    @Option(name: .customLong("ready-file"), help: "Create this file once the socket is open and joined.")
    var readyFile: String?

    @Flag(help: "Print only a summary line, not one line per packet.")
    var quiet = false

    @Flag(help: "Read with recvmmsg (up to 64 packets a call) instead of recvmsg.")
    var batch = false

    mutating func run() throws {
        let addressFamily: AddressFamily
        switch family {
        case "ipv4", "4": addressFamily = .ipv4
        case "ipv6", "6": addressFamily = .ipv6
        default: throw ValidationError("--family must be ipv4 or ipv6, got \(family)")
        }
        let proto: IPProtocol
        switch ipProtocol {
        case "vrrp", "112": proto = .vrrp
        case "ah", "51": proto = .authenticationHeader
        default: throw ValidationError("--ip-protocol must be vrrp or ah, got \(ipProtocol)")
        }
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be positive") }
        var accepted: Set<IPAddress>? = nil
        if !acceptFrom.isEmpty {
            var set = Set<IPAddress>()
            for text in acceptFrom {
                guard let address = IPAddress(text) else {
                    throw ValidationError("--accept-from \"\(text)\" is not an address")
                }
                set.insert(address)
            }
            accepted = set
        }
        let socket = try VRRPSocket(
            VRRPSocketConfiguration(
                interface: interface, family: addressFamily, acceptedSources: accepted, ipProtocol: proto,
                receiveBufferSize: 4 << 20))
        if let readyFile {
            let fd = open(readyFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd >= 0 { close(fd) }
        }
        var received = 0
        var first: timespec? = nil
        var last = timespec()
        var calls = 0
        let deadline = Self.now() + Int64(timeout) * 1_000_000
        while received < count {
            let remaining = deadline - Self.now()
            if remaining <= 0 { break }
            var descriptor = pollfd(fd: socket.fileDescriptor, events: Int16(POLLIN), revents: 0)
            calls += 1
            guard poll(&descriptor, 1, Int32(min(remaining / 1_000_000 + 1, 1000))) > 0 else { continue }
            while received < count {
                let packets: [ReceivedPacket]
                calls += 1
                if batch {
                    packets = try socket.receiveBatch(maximum: min(64, count - received))
                } else {
                    packets = try socket.receive().map { [$0] } ?? []
                }
                if packets.isEmpty { break }
                for packet in packets {
                    if first == nil { first = Self.clock() }
                    last = Self.clock()
                    received += 1
                    if !quiet {
                        print(Self.json(packet, ahKey: ahPass.map { AuthenticationData(password: $0).octets }))
                    }
                }
            }
        }
        let elapsed = first.map { Self.nanoseconds(last) - Self.nanoseconds($0) } ?? 0
        let summary = "{\"summary\":true,\"received\":\(received),\"first_to_last_ns\":\(elapsed),\"calls\":\(calls)}"
        print(summary)
        if received < count { throw ExitCode(3) }
    }

    static func clock() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }

    static func now() -> Int64 { nanoseconds(clock()) }

    /// One packet as a JSON object: IP facts, then the decoded advertisement or the decode error.
    static func json(_ packet: ReceivedPacket, ahKey: [UInt8]? = nil) -> String {
        var fields = [
            "\"source\":\"\(packet.source)\"", "\"destination\":\"\(packet.destination)\"",
            "\"ttl\":\(packet.ttl)", "\"ifindex\":\(packet.interfaceIndex)",
            "\"protocol\":\(packet.ipProtocol.rawValue)", "\"length\":\(packet.payload.count)",
            "\"ah_length\":\(packet.authenticationHeader.count)",
        ]
        if let ahKey, let bytes = packet.authenticatedIPv4Packet {
            let unicast: Bool
            if case .ipv4(let destination) = packet.destination {
                unicast = !destination.isMulticast
            } else {
                unicast = true
            }
            let verdict = try? AuthenticationHeader.verify(ipv4Packet: bytes[...], key: ahKey, zeroTimeToLive: unicast)
            switch verdict {
            case .valid(let sequence): fields += ["\"icv\":\"ok\"", "\"ah_sequence\":\(sequence)"]
            case .some(let failure): fields.append("\"icv\":\"\(failure.isValid ? "ok" : "failed")\"")
            case nil: fields.append("\"icv\":\"malformed\"")
            }
        }
        do {
            let decoded = try packet.decode()
            let advert = decoded.advertisement
            let addresses = advert.addresses.addresses.map { "\"\($0)\"" }.joined(separator: ",")
            fields += [
                "\"version\":\(advert.version.rawValue)", "\"vrid\":\(advert.virtualRouterID)",
                "\"priority\":\(advert.priority)", "\"interval_cs\":\(advert.interval.centiseconds)",
                "\"auth_type\":\(advert.authenticationType.rawValue)",
                "\"checksum\":\"\(decoded.checksumVariant)\"", "\"addresses\":[\(addresses)]",
            ]
        } catch {
            fields.append("\"error\":\"\(error.code)\"")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
