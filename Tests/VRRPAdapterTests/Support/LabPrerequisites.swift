import Foundation

/// Whether the namespace lab can run here, and if not, why.
enum LabPrerequisites {
    /// nil when root with a working `ip netns`; otherwise the reason the lab tests are skipped.
    static let missing: String? = {
        guard geteuid() == 0 else { return "namespace lab tests need root (CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_ADMIN)" }
        guard let result = try? Shell.run(["ip", "netns", "list"], timeout: .seconds(5)), result.status == 0 else {
            return "namespace lab tests need iproute2's `ip netns`"
        }
        guard FileManager.default.isExecutableFile(atPath: vrrpctlPath) else {
            return "namespace lab tests need the vrrpctl binary next to the test bundle (\(vrrpctlPath))"
        }
        return nil
    }()

    /// Whether the lab tests run.
    static var available: Bool { missing == nil }

    /// The built `vrrpctl`, next to the test bundle.
    static let vrrpctlPath: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // The test binary may live inside a `.xctest` bundle directory.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("vrrpctl").path
    }()

    /// Whether a tool is on PATH.
    static func has(_ tool: String) -> Bool {
        (try? Shell.run(["sh", "-c", "command -v \(tool)"], timeout: .seconds(5)).status) == 0
    }
}
