public import FoundationEssentials
import Glibc
import VIPNetlink
public import VRRPWire

/// What the control socket does for each request; ``ControlServer`` only moves lines. Build one for a running
/// node with ``node(_:reload:presentAddresses:)``, or from closures in tests.
public struct ControlHandler: Sendable {
    /// Makes the status document.
    public var status: @Sendable () -> StatusDocument
    /// Reloads the configuration; the response says whether it was applied.
    public var reload: @Sendable () -> ControlResponse
    /// Releases (true) or restores (false) an instance; false when there is no such instance.
    public var setReleased: @Sendable (_ instance: String, _ released: Bool) -> Bool

    /// A handler from its parts.
    public init(
        status: @escaping @Sendable () -> StatusDocument,
        reload: @escaping @Sendable () -> ControlResponse,
        setReleased: @escaping @Sendable (_ instance: String, _ released: Bool) -> Bool
    ) {
        self.status = status
        self.reload = reload
        self.setReleased = setReleased
    }

    /// The handler for a node: status from ``VRRPNode/status`` with each virtual address checked against the
    /// kernel at request time.
    ///
    /// - Parameters:
    ///   - reload: loads the configuration again and hands it to ``VRRPNode/reload(_:)``.
    ///   - presentAddresses: the addresses the node's namespace holds; by default read over rtnetlink.
    public static func node(
        _ node: VRRPNode,
        reload: @escaping @Sendable () -> ControlResponse,
        presentAddresses: @escaping @Sendable () -> Set<IPAddress>? = Self.kernelAddresses
    ) -> ControlHandler {
        ControlHandler(
            status: {
                StatusDocument(
                    statuses: node.status, presentAddresses: presentAddresses(),
                    monotonicNow: MonotonicClock.nanoseconds(), wallNow: Date(), pid: Int(getpid()))
            },
            reload: reload,
            setReleased: { node.setReleased(instance: $0, $1) })
    }

    /// Every address on every interface of the calling thread's network namespace, or nil when rtnetlink fails.
    @Sendable
    public static func kernelAddresses() -> Set<IPAddress>? {
        guard let netlink = try? RouteNetlink(), let addresses = try? netlink.addresses() else { return nil }
        return Set(addresses.map(\.address))
    }

    /// Parses one request line and carries it out.
    public func respond(to line: String) -> ControlResponse {
        let request: ControlRequest
        switch Self.parse(line) {
        case .success(let parsed): request = parsed
        case .failure(let error): return .failure(error.message)
        }
        switch request.command {
        case .ping:
            return ControlResponse(ok: true, message: "pong")
        case .status:
            return ControlResponse(ok: true, status: status())
        case .reload:
            return reload()
        case .release, .restore:
            guard let instance = request.instance, !instance.isEmpty else {
                return .failure("'\(request.command.rawValue)' needs an instance name")
            }
            let released = request.command == .release
            guard setReleased(instance, released) else { return .failure("no instance named '\(instance)'") }
            return ControlResponse(
                ok: true,
                message: released
                    ? "\(instance) released: it gives up mastership and stays in FAULT until restored"
                    : "\(instance) restored")
        }
    }

    /// Why a request line was refused.
    public struct ParseError: Error, Hashable, Sendable {
        /// What was wrong.
        public var message: String
    }

    /// A request from a line: a JSON object, or words (`status`, `release VI_1`).
    public static func parse(_ line: String) -> Result<ControlRequest, ParseError> {
        let trimmed = Self.trimmed(line)
        guard !trimmed.isEmpty else { return .failure(ParseError(message: "empty request")) }
        if trimmed.hasPrefix("{") {
            do {
                return .success(try JSONDecoder().decode(ControlRequest.self, from: Data(trimmed.utf8)))
            } catch DecodingError.dataCorrupted(let context) {
                return .failure(ParseError(message: "request is not valid JSON: \(context.debugDescription)"))
            } catch DecodingError.keyNotFound(let key, _) {
                return .failure(ParseError(message: "request lacks the '\(key.stringValue)' field"))
            } catch {
                let known = ControlRequest.Command.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(ParseError(message: "request not understood (commands: \(known)): \(error)"))
            }
        }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let command = ControlRequest.Command(rawValue: words[0].lowercased()) else {
            let known = ControlRequest.Command.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(ParseError(message: "unknown command '\(words[0])' (commands: \(known))"))
        }
        guard words.count <= 2 else {
            return .failure(ParseError(message: "too many words for '\(command.rawValue)'"))
        }
        return .success(ControlRequest(command: command, instance: words.count == 2 ? words[1] : nil))
    }

    /// The line without leading and trailing white space (spaces, tabs, CR, LF).
    static func trimmed(_ line: String) -> Substring {
        let text = line[...]
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = text.lastIndex(where: { !$0.isWhitespace })!
        return text[first...last]
    }
}
