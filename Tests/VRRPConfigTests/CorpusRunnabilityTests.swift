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
    /// The corpus files keepalived's configuration test does not reject.
    static let runnable: [String] = {
        let accepted: Set<String> = [
            "accepted", "accepted-once-interfaces-exist", "env-only-findings", "warnings-only",
        ]
        return CorpusTests.verdicts.filter { accepted.contains($0.verdict) }.map(\.file)
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
        let result = CorpusTests.check(file)
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
