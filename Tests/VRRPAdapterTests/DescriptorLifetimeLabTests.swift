import Foundation
import Testing
import VIPNetlink
import VRRPSocket
import VRRPWire

extension LabTests {
    @Suite("Adapters close their descriptors")
    struct DescriptorLifetime {
        /// How many descriptors the process has open.
        static func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
        }

        @Test("200 rounds of opening, failing to open and releasing every adapter leave no descriptor behind")
        func noLeaks() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let before = Self.openDescriptors()
            let failures = try inNamespace(lab.host(1)) { () -> Int in
                var failures = 0
                for _ in 0..<200 {
                    _ = try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: .ipv4))
                    _ = try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: .ipv6))
                    _ = try AnnouncementSocket(interface: "eth0")
                    _ = try RouteNetlink().interface(named: "eth0")
                    _ = try NetlinkEventMonitor()
                    // Failures after the socket was opened: the descriptor must still be closed.
                    do { _ = try VRRPSocket(VRRPSocketConfiguration(interface: "eth7", family: .ipv4)) } catch {
                        failures += 1
                    }
                    do {
                        _ = try VRRPSocket(
                            VRRPSocketConfiguration(interface: "eth0", family: .ipv4, multicastGroups: [.ipv4(.any)]))
                    } catch { failures += 1 }
                    do { _ = try AnnouncementSocket(interface: "eth7") } catch { failures += 1 }
                }
                return failures
            }
            #expect(failures == 600)
            let after = Self.openDescriptors()
            // Other suites may open a few files meanwhile; a leak here would be hundreds.
            #expect(after - before < 20, "descriptors before \(before), after \(after)")
        }
    }
}
