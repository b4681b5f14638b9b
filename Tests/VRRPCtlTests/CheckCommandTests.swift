import Foundation
import Testing

/// Runs the built `vrrpctl check` end to end on files in a temporary directory.
@Suite("vrrpctl check")
struct CheckCommandTests {
    /// The vrrpctl binary next to the test bundle (SwiftPM builds both into one products directory).
    static let binary: URL? = {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("vrrpctl")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }()

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    private func run(_ arguments: [String], files: [String: String]) throws -> Run {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vrrpsw-cfg-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["check"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            errors: String(decoding: err, as: UTF8.self))
    }

    static let clean = """
        global_defs {
            enable_script_security
        }
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.10/24
            }
        }

        """

    @Test("a clean file exits 0", .enabled(if: binary != nil, "vrrpctl binary not built next to the tests"))
    func clean() throws {
        let result = try run(["a.conf"], files: ["a.conf": Self.clean])
        #expect(result.status == 0)
        #expect(result.output == "no problems; 1 file checked\n")
    }

    @Test("warnings only exit 1", .enabled(if: binary != nil, "vrrpctl binary not built next to the tests"))
    func warnings() throws {
        let text = Self.clean.replacingOccurrences(of: "priority 100", with: "priority 100\n    nopreemt")
        let result = try run(["a.conf"], files: ["a.conf": text])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("a.conf:9:5: warning: unknown keyword 'nopreemt' in vrrp_instance VI_1"))
        #expect(result.output.contains("        nopreemt\n        ^\n"))
    }

    @Test("an error exits 2; --json prints machine-readable findings", .enabled(if: binary != nil, "vrrpctl not built"))
    func errorsAsJSON() throws {
        let text = Self.clean.replacingOccurrences(of: "state BACKUP", with: "state SLAVE")
        let result = try run(["--json", "a.conf"], files: ["a.conf": text])
        #expect(result.status == 2)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["code"] as? String == "invalid-value")
        #expect(array.first?["line"] as? Int == 5)
        #expect(array.first?["severity"] as? String == "error")
    }

    @Test(
        "two files are one cluster: mismatches between nodes are errors",
        .enabled(if: binary != nil, "vrrpctl not built"))
    func cluster() throws {
        let other = Self.clean.replacingOccurrences(of: "priority 100", with: "priority 90\n    advert_int 3")
        let result = try run(["a.conf", "b.conf"], files: ["a.conf": Self.clean, "b.conf": other])
        #expect(result.status == 2)
        #expect(result.output.contains("VRID 51: a.conf (VI_1) and b.conf (VI_1) advertise every 1s vs 3s"))
    }

    @Test("--dump prints the effective configuration; findings go to stderr", .enabled(if: binary != nil, "no vrrpctl"))
    func dump() throws {
        let result = try run(["--dump", "a.conf"], files: ["a.conf": Self.clean])
        #expect(result.status == 0)
        #expect(result.output.contains("vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n"))
        #expect(result.output.contains("    advert_int 1\n    version 2\n"))
        #expect(result.errors == "no problems; 1 file checked\n")
    }
}
