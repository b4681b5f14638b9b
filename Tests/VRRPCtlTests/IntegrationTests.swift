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
        try Self.run(scenario)
    }

    /// One pairing of the interoperability matrix (`Tests/Integration/matrix.sh`) per test case, named by its
    /// combination: version, family, transport, authentication and which implementation is master.
    @Test(
        "interoperability matrix",
        .disabled(
            if: IntegrationScenario.labUnavailableReason != nil,
            Comment(rawValue: "skipped: \(IntegrationScenario.labUnavailableReason ?? "")")),
        .timeLimit(.minutes(3)),
        arguments: IntegrationScenario.matrix
    )
    func matrix(_ pairing: IntegrationScenario) throws {
        try Self.run(pairing)
    }

    /// Runs one scenario: cancelled (skipped) when a peer is missing or the script says it cannot run here,
    /// otherwise expected to exit 0, with its output in the failure.
    static func run(_ scenario: IntegrationScenario) throws {
        if let reason = scenario.missingRequirement {
            try Test.cancel("skipped: \(scenario) \(reason)")
        }
        let vrrpctl = try #require(
            IntegrationScenario.vrrpctl,
            "no vrrpctl binary beside the test runner: build it (swift build --product vrrpctl) or set VRRPCTL")
        let outcome = try scenario.run(vrrpctl: vrrpctl)
        if outcome.status == 77 {
            try Test.cancel("skipped: \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let verdict = outcome.status.map { "exited with status \($0)" } ?? "was stopped at its time limit"
        #expect(outcome.status == 0, "\(scenario) \(verdict):\n\(outcome.output)")
    }

    @Test("the scenario scripts are found beside this suite")
    func scenariosAreFound() {
        let names = IntegrationScenario.all.map(\.name)
        #expect(names.count >= 11, "found \(names)")
        #expect(names.contains("f01-track-script.sh"))
        #expect(!names.contains("common.sh"))
        #expect(!names.contains("matrix.sh"))
    }

    /// Every combination of peer, version, family, transport and authentication is either a pairing of the matrix
    /// (in both roles when the peer is not vrrpctl) or listed as impossible with a reason, never both.
    @Test("the interoperability matrix accounts for every combination")
    func matrixIsComplete() throws {
        let path = IntegrationScenario.directory + "/" + IntegrationScenario.matrixScript
        var impossible: [String: String] = [:]
        for line in IntegrationScenario.matrixLines(path: path, option: "--impossible") {
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "malformed line \(line)")
            #expect(!parts[1].trimmingCharacters(in: .whitespaces).isEmpty, "no reason given for \(parts[0])")
            impossible[parts[0]] = parts[1]
        }
        var roles: [String: Set<String>] = [:]
        for pairing in IntegrationScenario.matrix {
            let a = pairing.arguments
            try #require(a.count == 6 && (a[0] == "vrrpctl" || a[1] == "vrrpctl"), "bad pairing \(a)")
            let peer = a[0] == "vrrpctl" ? a[1] : a[0]
            roles[([peer] + a[2...]).joined(separator: " "), default: []].insert(a[0])
        }
        #expect(!roles.isEmpty, "matrix.sh --list gave no pairing")
        var combinations = 0
        for peer in ["vrrpctl", "keepalived", "frr"] {
            for version in ["3", "2"] {
                for family in ["ipv4", "ipv6"] {
                    for transport in ["multicast", "unicast"] {
                        for auth in ["none", "pass"] {
                            combinations += 1
                            let key = [peer, version, family, transport, auth].joined(separator: " ")
                            let masters = roles[key] ?? []
                            #expect(masters.isEmpty != (impossible[key] == nil), "\(key): pairing and impossible")
                            if !masters.isEmpty {
                                #expect(masters == [peer, "vrrpctl"], "\(key): masters \(masters)")
                            }
                        }
                    }
                }
            }
        }
        #expect(roles.count + impossible.count == combinations, "\(roles.count) + \(impossible.count)")
        // The reasons the issue names: FRR refuses VRRPv2 over IPv6 and has neither unicast nor authentication;
        // keepalived's own VRRPv2 over IPv6 is a pairing, in both roles, as vrrpctl with vrrpctl is.
        #expect(impossible["frr 2 ipv6 multicast none"] != nil)
        #expect(roles["keepalived 2 ipv6 multicast none"] == ["keepalived", "vrrpctl"])
        #expect(roles["keepalived 2 ipv6 unicast none"] == ["keepalived", "vrrpctl"])
        #expect(roles["vrrpctl 2 ipv6 multicast none"] == ["vrrpctl"])
        #expect(impossible["frr 3 ipv4 unicast none"] != nil)
        #expect(impossible["frr 2 ipv4 multicast pass"] != nil)
        #expect(roles["frr 2 ipv4 multicast none"] == ["frr", "vrrpctl"])
    }
}
