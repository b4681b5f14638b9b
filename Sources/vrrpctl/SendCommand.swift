import ArgumentParser
import Glibc
import VIPNetlink
import VRRPSocket
import VRRPWire

/// `vrrpctl send`: send one or more hand-made advertisements on an interface.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send VRRP advertisements on an interface (for operators and interop tests).",
        discussion: """
            The address family follows the --address values. Without --source the interface's primary IPv4
            address or link-local IPv6 address is used; without --destination the VRRP multicast group.
            Example: vrrpctl send -i eth0 --vrid 51 --priority 0 --address 192.0.2.100
            """
    )

    @Option(name: [.short, .long], help: "The interface to send on.")
    var interface: String

    @Option(name: .customLong("version"), help: "VRRP version: 2 or 3.")
    var vrrpVersion: UInt8 = 3

    @Option(help: "Virtual router ID, 1–255.")
    var vrid: Int

    @Option(help: "Priority, 0–255 (0: the master resigns, 255: address owner).")
    var priority: Int = 100

    @Option(help: "Advertisement interval: 1, 1s, 1.5s, 100ms (v2: whole seconds; v3: multiples of 10 ms).")
    var interval: String = "1s"

    @Option(name: .customLong("address"), help: "A virtual address (repeat for several; one family).")
    var addresses: [String] = []

    @Option(name: .customLong("auth-pass"), help: "VRRPv2 simple-text password (auth_type PASS), up to 8 octets.")
    var authPass: String?

    @Option(
        name: .customLong("ah-pass"),
        help: "VRRPv2 over IPv4 with an IPsec AH header keyed with this password (auth_type AH, as keepalived).")
    var ahPass: String?

    @Option(name: .customLong("ah-sequence"), help: "The AH sequence number of the first round (then +1 a round).")
    var ahSequence: UInt32 = 1

    @Option(help: "TTL / hop limit of the packets, 1–255.")
    var ttl: Int = 255

    @Option(help: "Source address (default: primary IPv4 / link-local IPv6 of the interface).")
    var source: String?

    @Option(name: .customLong("destination"), help: "Destination (repeat for unicast peers; default the group).")
    var destinations: [String] = []

    @Option(help: "How many rounds to send.")
    var count: Int = 1

    @Option(help: "Pause between rounds: 0, 10ms, 1s (default: the interval).")
    var spacing: String?

    @Flag(help: "VRRPv3 over IPv4: checksum without the pseudo-header, as keepalived's v3_checksum_as_v2.")
    var checksumWithoutPseudoHeader = false

    /// Checks every argument before anything touches the kernel (the source lookup waits for `run`).
    mutating func validate() throws {
        _ = try makePlan(lookingUpSource: false)
    }

    mutating func run() throws {
        let plan = try makePlan(lookingUpSource: true)
        if let key = plan.authenticationHeaderKey { return try sendAuthenticated(plan, key: key) }
        let socket = try VRRPSocket(
            VRRPSocketConfiguration(
                interface: interface, family: plan.family, multicastGroups: [], ttl: UInt8(ttl)))
        let variant: ChecksumVariant? = checksumWithoutPseudoHeader ? .withoutPseudoHeader : nil
        for round in 0..<count {
            if round > 0, plan.spacingNanoseconds > 0 { sleepFor(nanoseconds: plan.spacingNanoseconds) }
            try socket.send(plan.advertisement, from: plan.source, toEach: plan.destinations, checksumVariant: variant)
        }
    }

    /// Everything the arguments decide, validated.
    struct Plan {
        var family: AddressFamily
        var advertisement: Advertisement
        var source: IPAddress
        var destinations: [IPAddress]
        var spacingNanoseconds: Int64
        /// `--ah-pass` as the 8 key octets.
        var authenticationHeaderKey: [UInt8]? = nil
    }

    /// The validated plan; without `lookingUpSource` a missing --source stays the unspecified address.
    func makePlan(lookingUpSource: Bool) throws -> Plan {
        guard vrrpVersion == 2 || vrrpVersion == 3 else {
            throw ValidationError("--version must be 2 or 3, got \(vrrpVersion)")
        }
        guard (1...255).contains(vrid) else { throw ValidationError("--vrid must be 1–255, got \(vrid)") }
        guard (0...255).contains(priority) else {
            throw ValidationError("--priority must be 0–255, got \(priority)")
        }
        guard (1...255).contains(ttl) else { throw ValidationError("--ttl must be 1–255, got \(ttl)") }
        guard (1...1_000_000).contains(count) else {
            throw ValidationError("--count must be 1–1000000, got \(count)")
        }
        guard !addresses.isEmpty else { throw ValidationError("give at least one --address") }
        var parsed: [IPAddress] = []
        for text in addresses {
            guard let address = IPAddress(text) else {
                throw ValidationError("--address \"\(text)\" is not an IPv4 or IPv6 address")
            }
            parsed.append(address)
        }
        let family = parsed[0].family
        guard let list = VirtualAddressList(parsed, family: family) else {
            throw ValidationError("--address values mix IPv4 and IPv6; send one family at a time")
        }
        let version = VRRPVersion(rawValue: vrrpVersion)
        if version == .v2, family == .ipv6 { throw ValidationError("VRRPv2 is IPv4 only; use --version 3") }
        let centiseconds = try Self.centiseconds(interval, option: "--interval")
        guard centiseconds > 0, centiseconds <= 4095 || version == .v2 else {
            throw ValidationError("--interval \(interval) is outside 10ms–40.95s")
        }
        if version == .v2 {
            guard centiseconds % 100 == 0, centiseconds <= 25_500 else {
                throw ValidationError("--interval \(interval): VRRPv2 carries whole seconds, 1–255")
            }
        }
        var authenticationType = AuthenticationType.none
        var authenticationData = AuthenticationData.zero
        if let authPass {
            guard version == .v2 else { throw ValidationError("--auth-pass is VRRPv2 only") }
            guard !authPass.isEmpty, authPass.utf8.count <= 8 else {
                throw ValidationError("--auth-pass must be 1–8 octets, got \(authPass.utf8.count)")
            }
            authenticationType = .simpleText
            authenticationData = AuthenticationData(password: authPass)
        }
        if let ahPass {
            guard authPass == nil else { throw ValidationError("give --auth-pass or --ah-pass, not both") }
            guard version == .v2, family == .ipv4 else {
                throw ValidationError("--ah-pass is VRRPv2 over IPv4 only (keepalived's auth_type AH)")
            }
            guard !ahPass.isEmpty else { throw ValidationError("--ah-pass must not be empty") }
            guard UInt64(ahSequence) + UInt64(count) - 1 <= UInt64(UInt32.max) else {
                throw ValidationError("--ah-sequence \(ahSequence) + --count \(count) runs past 2^32 − 1")
            }
            authenticationType = .ipAuthenticationHeader
        }
        let advertisement = Advertisement(
            version: version, virtualRouterID: UInt8(vrid), priority: UInt8(priority), addresses: list,
            interval: AdvertisementInterval(centiseconds: UInt16(centiseconds)),
            authenticationType: authenticationType, authenticationData: authenticationData)
        let sourceAddress = try resolveSource(family: family, lookingUp: lookingUpSource)
        var targets: [IPAddress] = []
        for text in destinations {
            guard let address = IPAddress(text), address.family == family else {
                throw ValidationError("--destination \"\(text)\" is not an \(family) address")
            }
            targets.append(address)
        }
        if targets.isEmpty {
            targets = [family == .ipv4 ? .ipv4(.vrrpMulticast) : .ipv6(.vrrpMulticast)]
        }
        let spacingCentiseconds = try spacing.map { try Self.milliseconds($0, option: "--spacing") * 1_000_000 }
        return Plan(
            family: family, advertisement: advertisement, source: sourceAddress, destinations: targets,
            spacingNanoseconds: spacingCentiseconds ?? Int64(centiseconds) * 10_000_000,
            authenticationHeaderKey: ahPass.map { AuthenticationData(password: $0).octets })
    }

    private func resolveSource(family: AddressFamily, lookingUp: Bool) throws -> IPAddress {
        if let source {
            guard let address = IPAddress(source), address.family == family else {
                throw ValidationError("--source \"\(source)\" is not an \(family) address")
            }
            return address
        }
        guard lookingUp else { return family == .ipv4 ? .ipv4(.any) : .ipv6(.any) }
        let netlink = try RouteNetlink()
        switch family {
        case .ipv4:
            guard let address = try netlink.primaryIPv4Address(of: interface) else {
                throw ValidationError("\(interface) has no IPv4 address; give --source")
            }
            return .ipv4(address)
        case .ipv6:
            guard let address = try netlink.linkLocalIPv6Address(of: interface) else {
                throw ValidationError("\(interface) has no usable link-local IPv6 address; give --source")
            }
            return .ipv6(address)
        }
    }

    /// Parses `1`, `1s`, `1.5s`, `100ms` into centiseconds (multiples of 10 ms).
    static func centiseconds(_ text: String, option: String) throws -> Int {
        let milliseconds = try milliseconds(text, option: option)
        guard milliseconds % 10 == 0 else {
            throw ValidationError("\(option) \(text) is not a multiple of 10 ms")
        }
        return Int(milliseconds / 10)
    }

    /// Parses `0`, `1`, `1s`, `1.5s`, `100ms` into milliseconds.
    static func milliseconds(_ text: String, option: String) throws -> Int64 {
        var number = text
        var scale: Int64 = 1000
        if number.hasSuffix("ms") {
            number.removeLast(2)
            scale = 1
        } else if number.hasSuffix("s") {
            number.removeLast()
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000 else {
            throw ValidationError("\(option) \"\(text)\" is not a duration such as 1s, 1.5s or 100ms")
        }
        var value = whole * scale
        if parts.count == 2 {
            let fraction = parts[1]
            guard scale == 1000, !fraction.isEmpty, fraction.count <= 3, let digits = Int64(fraction) else {
                throw ValidationError("\(option) \"\(text)\" is not a duration such as 1s, 1.5s or 100ms")
            }
            var padded = digits
            for _ in fraction.count..<3 { padded *= 10 }
            value += padded
        }
        return value
    }
}

/// Sleeps the calling thread, resuming after EINTR.
func sleepFor(nanoseconds: Int64) {
    var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
}
