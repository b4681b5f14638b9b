import Foundation
import Testing

/// The scenario scripts of `Tests/Integration/` run against the built vrrpctl: vrrpctl with keepalived and FRR
/// peers in network namespaces, and the operators' failover checklist. Each script judges from the kernel and the
/// wire; this suite runs it, shows its output when it fails, and skips where the lab cannot run.
///
/// Serialized: the scripts measure timing (takeover within Master_Down_Interval plus a bound), and running them
/// side by side on a small machine would measure the machine instead. Their namespace prefixes differ anyway.
@Suite("vrrpctl in namespace labs with real peers", .serialized)
struct IntegrationTests {
    @Test(
        "scenario",
        .disabled(
            if: IntegrationScenario.labUnavailableReason != nil,
            Comment(rawValue: "skipped: \(IntegrationScenario.labUnavailableReason ?? "")")),
        .timeLimit(.minutes(3)),
        arguments: IntegrationScenario.all
    )
    func scenario(_ scenario: IntegrationScenario) throws {
        if let reason = scenario.missingRequirement {
            try Test.cancel("skipped: \(scenario.name) \(reason)")
        }
        let vrrpctl = try #require(
            IntegrationScenario.vrrpctl,
            "no vrrpctl binary beside the test runner: build it (swift build --product vrrpctl) or set VRRPCTL")
        let outcome = try scenario.run(vrrpctl: vrrpctl)
        if outcome.status == 77 {
            try Test.cancel("skipped: \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let verdict = outcome.status.map { "exited with status \($0)" } ?? "was stopped at its time limit"
        #expect(outcome.status == 0, "\(scenario.name) \(verdict):\n\(outcome.output)")
    }

    @Test("the scenario scripts are found beside this suite")
    func scenariosAreFound() {
        let names = IntegrationScenario.all.map(\.name)
        #expect(names.count >= 15, "found \(names)")
        #expect(names.contains("a-keepalived-v3-ipv4.sh"))
        #expect(!names.contains("common.sh"))
    }
}
