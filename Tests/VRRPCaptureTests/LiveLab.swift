import Foundation

/// Two network namespaces joined by a veth pair (`va` in A, `vb` in B), made for one test and torn down after.
/// Names start with `vrrpsw-cp-` and carry the process id, so parallel runs never collide.
final class LiveLab {
    /// Whether the lab can be built here: root and the `ip` tool.
    static var available: Bool { getuid() == 0 && which("ip") != nil }

    let namespaceA: String
    let namespaceB: String
    private let ip: String

    init(tag: String) throws {
        ip = which("ip")!
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(tag)"
        namespaceA = "vrrpsw-cp-\(suffix)-a"
        namespaceB = "vrrpsw-cp-\(suffix)-b"
        do {
            try command(["netns", "add", namespaceA])
            try command(["netns", "add", namespaceB])
            try command([
                "link", "add", "va", "netns", namespaceA, "type", "veth", "peer", "name", "vb", "netns", namespaceB,
            ])
            try command(["-n", namespaceA, "link", "set", "va", "up"])
            try command(["-n", namespaceB, "link", "set", "vb", "up"])
        } catch {
            tearDown()
            throw error
        }
    }

    /// Deletes both namespaces (and with them the veth pair). Safe to call twice.
    func tearDown() {
        _ = try? run(ip, ["netns", "del", namespaceA])
        _ = try? run(ip, ["netns", "del", namespaceB])
    }

    deinit { tearDown() }

    private func command(_ arguments: [String]) throws {
        let (status, _, error) = try run(ip, arguments, timeout: 10)
        guard status == 0 else { throw TSharkFailure(message: "ip \(arguments.joined(separator: " ")): \(error)") }
    }
}
