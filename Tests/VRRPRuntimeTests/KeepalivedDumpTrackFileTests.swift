import Foundation
import Glibc
import Logging
import Testing
import VRRPConfig
import VRRPRuntime

/// The track_file lines of the data dump, held to what keepalived 2.2.7 wrote for the same configuration: Debian's
/// keepalived was run on this configuration in a namespace and sent SIGUSR1; the expected lines below are its
/// `keepalived.data` with only the directory of the files replaced.
@Suite("keepalived dumps: tracked files")
struct KeepalivedDumpTrackFileTests {
    static func configuration(directory: String) -> String {
        """
        vrrp_track_file tf {
         file "\(directory)/f"
         weight -5 reverse
        }
        vrrp_track_file tg {
         file "\(directory)/g"
         weight 0
        }
        vrrp_script chk {
         script "/bin/true"
         interval 1
         weight -7 reverse
        }
        vrrp_instance VI_1 {
         interface eth0
         virtual_router_id 51
         priority 150
         advert_int 1
         virtual_ipaddress { 192.0.2.100/24 }
         track_file { tf weight -2
         tg }
         track_script { chk }
        }
        """
    }

    @Test("instance and Track files sections as keepalived 2.2.7 writes them, reverse included")
    func trackFileLines() async throws {
        var template = Array("/tmp/vrrpsw-dump-tf-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let directory = try #require(made.map { String(cString: $0) })
        defer {
            unlink(directory + "/f")
            rmdir(directory)
        }
        try "3\n".write(toFile: directory + "/f", atomically: true, encoding: .utf8)
        let path = directory + "/keepalived.conf"
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader([path: Self.configuration(directory: directory)]), configID: "a")
        let result = loader.load(path: path)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let configuration = try NodeConfiguration(keepalived: result.configuration)
        var logger = Logger(label: "test.dump.trackfile")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: configuration,
            environment: DualStackEnvironment(segment: InMemorySegment(), control: DualStackControl()),
            logger: logger)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        let valueRead = await OperatorTestNodes.eventually(.seconds(10)) {
            node.status.first?.trackedItems.contains { $0.name == TrackedName.file("tf") && $0.value == 3 } == true
        }
        #expect(valueRead, "\(node.status.first?.trackedItems ?? [])")
        let dump = KeepalivedDump(
            configuration: configuration, global: result.configuration.global, statuses: node.status,
            checks: node.checks, monotonicNow: KeepalivedDump.monotonicNanoseconds(), wallNow: Date(),
            hostName: "a")
        let lines = dump.render(.data).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        let instanceLines = [
            "   Tracked scripts :",
            "     chk weight -7 reverse",
            "   Tracked files :",
            "     tf, weight -2 reverse",
            "     tg, weight 0",
        ]
        let start = try #require(lines.firstIndex(of: "   Tracked scripts :"), "\(lines)")
        #expect(Array(lines[start..<min(start + instanceLines.count, lines.count)]) == instanceLines)

        let section = [
            "------< VRRP Track files >------",
            " Track file = tf",
            "   File = \(directory)/f",
            "   Status = 3",
            "   Weight = -5 reverse",
            "   Tracking instances :",
            "     VI_1, weight -2 reverse",
            " Track file = tg",
            "   File = \(directory)/g",
            "   Status = 0",
            "   Weight = 0",
            "   Tracking instances :",
            "     VI_1, weight 0",
        ]
        let sectionStart = try #require(lines.firstIndex(of: section[0]), "\(lines)")
        #expect(Array(lines[sectionStart..<min(sectionStart + section.count, lines.count)]) == section)
        // keepalived's order: the scripts' section, then the files', then the interfaces'.
        let scripts = try #require(lines.firstIndex(of: "------< VRRP Scripts >------"))
        #expect(scripts < sectionStart)
        #expect(lines.contains("     VI_1, weight -7 reverse"))  // the script's tracking instance, with reverse
    }
}
