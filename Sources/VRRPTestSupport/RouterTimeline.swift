public import VRRPStateMachine
import VRRPWire

/// A timing DSL for one router: a script of timed inputs and the outputs expected at each instant.
///
/// ```
/// at t = 0 s: startup
/// at t = 0 s the router emits [Initialize->Backup (startup)]
/// at t = 1 s: receive advert p=120 from 192.0.2.2
/// at t = 4.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] [Backup->Master (master down)]
/// until t = 5 s
/// ```
///
/// Input lines (`at t = T s: INPUT`):
/// - `startup`, `startup delayed until T s` (keepalived's `vrrp_startup_delay`), `shutdown`
/// - `receive advert p=N from ADDR` with optional `ttl=N`, `vrid=N`, `version=N`, `int=SECONDS`, `auth=TEXT|none`,
///   `addresses=A,B`, `to=ADDR`, `arrived=SECONDS` (when the packet reached the host, if before it is handled);
///   other fields are the router's own
/// - `receive malformed CODE` (a ``WireError/Code`` name such as `badChecksum`)
/// - `interface up|down`, `address ADDR|none`, `track NAME up|down|VALUE`, `sync hold|release|master|backup`
/// - `reload` with `priority=N`, `int=SECONDS`, `delay=SECONDS`, `preempt`, `nopreempt`, `addresses=A,B`
///
/// Output lines (`at t = T s the router emits [...] [...]`) list, in order, what the router did at that instant;
/// ``run(_:)`` drives the router, firing each timer at its deadline, and returns every output line up to the
/// `until` line (or the last line's time). Tests compare ``Result/actual`` with ``Result/expected``.
public struct RouterTimeline {
    /// The router being driven.
    public private(set) var router: VirtualRouter

    /// What a run produced and what the script expected.
    public struct Result: Hashable, Sendable {
        /// The output lines the router produced.
        public var actual: [String]
        /// The output lines of the script.
        public var expected: [String]
    }

    /// A timeline over a new router.
    public init(_ configuration: VirtualRouter.Configuration) throws(ConfigurationError) {
        router = try VirtualRouter(configuration: configuration)
    }

    /// Parses and runs a script.
    public mutating func run(_ script: String) throws(TimelineError) -> Result {
        var inputs: [(time: VRRPInstant, event: VirtualRouter.Event)] = []
        var expected: [String] = []
        var horizon = VRRPInstant.zero
        for (number, rawLine) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let lineNumber = number + 1
            if line.hasPrefix("until t = ") {
                let rest = line.dropFirst("until t = ".count)
                guard rest.hasSuffix(" s"), let time = Self.parseSeconds(String(rest.dropLast(2))) else {
                    throw TimelineError(line: lineNumber, "expected `until t = SECONDS s`")
                }
                horizon = max(horizon, VRRPInstant(nanoseconds: time))
                continue
            }
            let afterAt = line.dropFirst("at t = ".count)
            guard line.hasPrefix("at t = "), let space = afterAt.firstIndex(of: " "),
                afterAt[space...].hasPrefix(" s")
            else {
                throw TimelineError(line: lineNumber, "expected `at t = SECONDS s…` or `until t = SECONDS s`")
            }
            let timeText = String(afterAt[..<space])
            guard let nanoseconds = Self.parseSeconds(timeText) else {
                throw TimelineError(line: lineNumber, "bad time \"\(timeText)\"")
            }
            let time = VRRPInstant(nanoseconds: nanoseconds)
            horizon = max(horizon, time)
            let rest = afterAt[afterAt.index(space, offsetBy: 2)...]
            if rest.hasPrefix(": ") {
                let event = try parseInput(String(rest.dropFirst(2)), line: lineNumber)
                if let last = inputs.last, last.time > time {
                    throw TimelineError(line: lineNumber, "inputs must be in time order")
                }
                inputs.append((time, event))
            } else if rest.hasPrefix(" the router emits ") {
                expected.append(Self.outputLine(time, String(rest.dropFirst(" the router emits ".count))))
            } else {
                throw TimelineError(line: lineNumber, "expected `: INPUT` or ` the router emits [...]` after the time")
            }
        }

        var actual: [String] = []
        func runTimers(until limit: VRRPInstant) {
            var steps = 0
            while let deadline = router.nextDeadline, deadline <= limit, steps < 100_000 {
                steps += 1
                let actions = router.handleTimeouts(now: deadline)
                if !actions.isEmpty {
                    actual.append(Self.outputLine(deadline, VirtualRouter.Action.transcript(actions)))
                }
            }
        }
        for input in inputs {
            runTimers(until: input.time)
            let actions = router.handle(input.event, now: input.time)
            if !actions.isEmpty { actual.append(Self.outputLine(input.time, VirtualRouter.Action.transcript(actions))) }
        }
        runTimers(until: horizon)
        return Result(actual: actual, expected: expected)
    }

    /// `at t = 3.609375 s the router emits ITEMS`.
    static func outputLine(_ time: VRRPInstant, _ items: String) -> String {
        "at t = \(VRRPInstant.formatSeconds(time.nanoseconds)) s the router emits \(items)"
    }

    /// Exact decimal seconds to nanoseconds (at most 9 decimals).
    public static func parseSeconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var nanoseconds = whole * 1_000_000_000
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isNumber),
                let digits = Int64(fraction + String(repeating: "0", count: 9 - fraction.count))
            else { return nil }
            nanoseconds += digits
        }
        return nanoseconds
    }

    private func parseInput(_ text: String, line: Int) throws(TimelineError) -> VirtualRouter.Event {
        let words = text.split(separator: " ").map(String.init)
        let config = router.configuration
        switch words.first ?? "" {
        case "startup":
            // `startup delayed until T s`: keepalived's vrrp_startup_delay ending at T.
            if words.count == 5, words[1] == "delayed", words[2] == "until", words[4] == "s",
                let until = Self.parseSeconds(words[3])
            {
                return .delayedStartup(until: VRRPInstant(nanoseconds: until))
            }
            return .startup
        case "shutdown": return .shutdown
        case "interface":
            guard words.count == 2, words[1] == "up" || words[1] == "down" else {
                throw TimelineError(line: line, "expected `interface up|down`")
            }
            return .interfaceStateChanged(isUp: words[1] == "up")
        case "address":
            guard words.count == 2 else { throw TimelineError(line: line, "expected `address ADDR|none`") }
            if words[1] == "none" { return .primaryAddressChanged(nil) }
            guard let address = IPAddress(words[1]) else { throw TimelineError(line: line, "bad address") }
            return .primaryAddressChanged(address)
        case "track":
            if words.count == 3, let value = Int(words[2]) {
                return .trackedItemValueChanged(name: words[1], value: value)
            }
            guard words.count == 3, words[2] == "up" || words[2] == "down" else {
                throw TimelineError(line: line, "expected `track NAME up|down|VALUE`")
            }
            return .trackedItemChanged(name: words[1], isUp: words[2] == "up")
        case "sync":
            switch words.dropFirst().first ?? "" {
            case "hold": return .syncGroup(.holdInFault(true))
            case "release": return .syncGroup(.holdInFault(false))
            case "master": return .syncGroup(.becomeMaster)
            case "backup": return .syncGroup(.becomeBackup)
            default: throw TimelineError(line: line, "expected `sync hold|release|master|backup`")
            }
        case "reload":
            var newConfig = config
            for word in words.dropFirst() {
                let (key, value) = Self.keyValue(word)
                switch key {
                case "priority":
                    guard let priority = UInt8(value) else { throw TimelineError(line: line, "bad priority") }
                    newConfig.priority = priority
                case "int": newConfig.advertisementInterval = try Self.interval(value, line: line)
                case "delay":
                    guard let ns = Self.parseSeconds(value) else { throw TimelineError(line: line, "bad delay") }
                    newConfig.preemptDelay = .nanoseconds(ns)
                case "preempt": newConfig.preemptMode = true
                case "nopreempt": newConfig.preemptMode = false
                case "addresses": newConfig.virtualAddresses = try Self.addresses(value, line: line)
                default: throw TimelineError(line: line, "unknown reload setting \(key)")
                }
            }
            return .configurationChanged(newConfig)
        case "receive":
            if words.count == 3, words[1] == "malformed" {
                return .malformedPacketReceived(WireError(try Self.wireCode(words[2], line: line)))
            }
            return .advertisementReceived(try parseAdvert(words.dropFirst(), config: config, line: line))
        default:
            throw TimelineError(line: line, "unknown input \"\(text)\"")
        }
    }

    private func parseAdvert(
        _ words: ArraySlice<String>,
        config: VirtualRouter.Configuration,
        line: Int
    ) throws(TimelineError) -> VirtualRouter.ReceivedAdvertisement {
        guard words.first == "advert" else { throw TimelineError(line: line, "expected `receive advert …`") }
        var advert = router.advertisement(priority: 0)
        var priority: UInt8?
        var source: IPAddress?
        var destination: IPAddress?
        var hopLimit: UInt8 = 255
        var arrivedAt: VRRPInstant?
        var rest = Array(words.dropFirst())
        while !rest.isEmpty {
            let word = rest.removeFirst()
            if word == "from" {
                guard !rest.isEmpty, let address = IPAddress(rest.removeFirst()) else {
                    throw TimelineError(line: line, "expected an address after `from`")
                }
                source = address
                continue
            }
            let (key, value) = Self.keyValue(word)
            switch key {
            case "p": priority = UInt8(value)
            case "ttl":
                guard let ttl = UInt8(value) else { throw TimelineError(line: line, "bad ttl") }
                hopLimit = ttl
            case "vrid":
                guard let vrid = UInt8(value) else { throw TimelineError(line: line, "bad vrid") }
                advert.virtualRouterID = vrid
            case "version":
                guard let version = UInt8(value) else { throw TimelineError(line: line, "bad version") }
                advert.version = VRRPVersion(rawValue: version)
            case "int": advert.interval = try Self.interval(value, line: line)
            case "auth" where value == "none":
                advert.authenticationType = .none
                advert.authenticationData = .zero
            case "auth":
                advert.authenticationType = .simpleText
                advert.authenticationData = AuthenticationData(password: value)
            case "addresses":
                let list = try Self.addresses(value, line: line)
                guard let addresses = VirtualAddressList(list, family: list.first?.family ?? config.family) else {
                    throw TimelineError(line: line, "mixed address families")
                }
                advert.addresses = addresses
            case "to":
                guard let address = IPAddress(value) else { throw TimelineError(line: line, "bad `to` address") }
                destination = address
            case "arrived":
                guard let time = Self.parseSeconds(value) else { throw TimelineError(line: line, "bad `arrived` time") }
                arrivedAt = VRRPInstant(nanoseconds: time)
            default: throw TimelineError(line: line, "unknown advert field \(key)")
            }
        }
        guard let priority else { throw TimelineError(line: line, "advert needs p=N") }
        guard let source else { throw TimelineError(line: line, "advert needs `from ADDR`") }
        advert.priority = priority
        return VirtualRouter.ReceivedAdvertisement(
            advert, from: source, to: destination, hopLimit: hopLimit, arrivedAt: arrivedAt)
    }

    private static func keyValue(_ word: String) -> (String, String) {
        guard let equals = word.firstIndex(of: "=") else { return (word, "") }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func interval(_ text: String, line: Int) throws(TimelineError) -> AdvertisementInterval {
        guard let ns = parseSeconds(text), ns % 10_000_000 == 0, ns / 10_000_000 <= Int64(UInt16.max) else {
            throw TimelineError(line: line, "interval \(text) is not a whole number of centiseconds")
        }
        return AdvertisementInterval(centiseconds: UInt16(ns / 10_000_000))
    }

    private static func addresses(_ text: String, line: Int) throws(TimelineError) -> [IPAddress] {
        var list: [IPAddress] = []
        for part in text.split(separator: ",") {
            guard let address = IPAddress(String(part)) else {
                throw TimelineError(line: line, "bad address \(part)")
            }
            list.append(address)
        }
        return list
    }

    private static func wireCode(_ name: String, line: Int) throws(TimelineError) -> WireError.Code {
        let codes: [WireError.Code] = [
            .truncated, .badVersion, .badType, .addressCountMismatch, .badChecksum, .unknownAuthType, .zeroInterval,
            .ipv6InVersion2,
        ]
        guard let code = codes.first(where: { $0.description == name }) else {
            throw TimelineError(line: line, "unknown wire error code \(name)")
        }
        return code
    }
}

/// A script line the timing DSL could not read. Equality compares the line only.
public struct TimelineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// What was wrong.
    public var reason: String

    /// An error at a line.
    public init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }

    public static func == (lhs: TimelineError, rhs: TimelineError) -> Bool { lhs.line == rhs.line }
    public func hash(into hasher: inout Hasher) { hasher.combine(line) }

    /// `line N: reason`.
    public var description: String { "line \(line): \(reason)" }
}
