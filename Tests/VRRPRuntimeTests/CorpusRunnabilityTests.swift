import Foundation
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine

/// The real-world keepalived.conf corpus of `../shared/corpus/keepalived-conf/` once more, past `vrrpctl check`:
/// every file keepalived 2.2.7's configuration test accepts (and `check` finds no error in) must convert into a
/// node configuration whose routers are valid, so that `vrrpctl run` starts on it. (Files `check` passed that `run`
/// refused were seen: instances without virtual_ipaddress, which keepalived 2.2.7 itself refuses only when it
/// starts, and a script tracked by an instance and its sync group.)
@Suite("keepalived.conf corpus: what check accepts, run can start")
struct CorpusRunnabilityTests {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/keepalived-conf").standardizedFileURL

    /// The corpus files keepalived's configuration test does not reject.
    static let runnable: [String] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("VERDICTS.tsv"), encoding: .utf8)
        else { return [] }
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        guard let header = rows.first, let file = header.firstIndex(of: "file"),
            let verdict = header.firstIndex(of: "verdict")
        else { return [] }
        let accepted: Set<Substring> = [
            "accepted", "accepted-once-interfaces-exist", "env-only-findings", "warnings-only",
        ]
        return rows.dropFirst().filter { $0.count > max(file, verdict) && accepted.contains($0[verdict]) }
            .map { String($0[file]) }
    }()

    /// Files `run` refuses although `check` finds no error, each with the reason (and a warning from `check`).
    static let knownRefusals: [String: String] = [
        "055-kdt1972u-vrf-no-interface.conf":
            "a unicast instance without an interface (keepalived binds it through 'vrf'); vrrpctl needs the "
            + "interface named, and check warns so"
    ]

    @Test("the corpus has files keepalived accepts", .enabled(if: !runnable.isEmpty, "corpus not found"))
    func present() {
        #expect(Self.runnable.count >= 40)
    }

    @Test(
        "each file without errors converts, and each of its routers is valid",
        .enabled(if: !runnable.isEmpty, "../shared/corpus/keepalived-conf not found: corpus test skipped"),
        arguments: runnable)
    func converts(_ file: String) throws {
        let loader = KeepalivedConfigLoader(reader: RunnabilityCorpusReader(), configID: "vrrpsw-corpus-host")
        let result = loader.load(path: Self.directory.appendingPathComponent(file).path)
        guard result.diagnostics.allSatisfy({ $0.severity != .error }) else { return }
        let conversion = Result { () throws(NodeConfiguration.ConversionError) in
            try NodeConfiguration(keepalived: result.configuration)
        }
        if case .failure(let error) = conversion, error.reason.contains("does not exist") {
            // A script user of the host the file came from (environment, not configuration).
            return
        }
        if let reason = Self.knownRefusals[file] {
            #expect(throws: (any Error).self, "now runs; remove it from knownRefusals (\(reason))") {
                try conversion.get()
            }
            #expect(result.diagnostics.contains { $0.code == .missingSetting && $0.severity == .warning })
            return
        }
        let node = try conversion.get()
        for instance in node.instances {
            #expect(throws: Never.self, "\(file): (\(instance.name))") {
                _ = try VirtualRouter(configuration: instance.router)
            }
        }
    }
}

/// Reads corpus files from disk for the loader.
struct RunnabilityCorpusReader: ConfigFileReader {
    func contents(ofFile path: String) -> Result<[UInt8], ConfigReadError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigReadError(reason: "no such file"))
        }
        return .success([UInt8](data))
    }

    func entries(ofDirectory path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }
}
