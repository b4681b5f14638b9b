import Testing
import VRRPConfig
import VRRPWire

/// Inputs that crashed or hung a parser (keepalived's or, while fuzzing with Scripts/fuzz-config.sh, ours):
/// each must load to findings, never trap.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let inputs: [(String, String)] = [
        ("keepalived 2.2.7 segfault: name, stray word, no brace", "vrrp_instance VI_1 x\n    state MASTER\n}\n"),
        ("only braces", "{{{{}}}}}}}}{{\n}\n{"),
        ("unterminated quote then braces", "vrrp_script \"a {\n}\n"),
        (
            "huge numbers",
            instanceText(priority: 1).replacingPriority("99999999999999999999999")
                + "vrrp_script s {\n    interval 99999999999999999999.999999\n    weight -9999999999999\n}\n"
        ),
        ("a variable naming itself", "$X=${X}${X}\n$X\n"),
        ("empty names and values", "vrrp_instance\nvrrp_script\nglobal_defs\ninclude\n$=\n@\n@^\n"),
        (
            "address edge cases",
            instanceText(
                extra: "    virtual_ipaddress {\n        ::/\n        1.2.3.4/\n        /\n        "
                    + "1.2.3.4/33 brd\n        2001:db8::1/129 dev\n        10.0.0.1 brd +\n    }")
        ),
        (
            "weights at and beyond the limits",
            "vrrp_script s {\n    script x\n    weight -254 reverse extra\n}\n"
                + instanceText(
                    priority: 255, extra: "    track_script {\n        s weight\n        s weight 300\n    }")
        ),
        ("NUL and invalid UTF-8", "vrrp_instance \u{0}\u{FFFD} {\n    state \u{0}\n}\n"),
    ]

    @Test("each input loads to findings without trapping", arguments: inputs)
    func loads(_ name: String, _ text: String) {
        let result = load(text)
        #expect(!result.diagnostics.isEmpty, "\(name): expected at least one finding")
        let renderer = DiagnosticRenderer(sources: result.sources)
        for diagnostic in result.diagnostics {
            #expect(!renderer.render(diagnostic).isEmpty)
        }
        let nodes = ["a", "b"].map { ClusterLinter.Node(name: $0, configuration: result.configuration) }
        _ = ClusterLinter(nodes: nodes).lint()
        #expect(!result.configuration.effectiveText.isEmpty)
    }
}

extension String {
    /// The text with `priority 1` replaced by `priority VALUE`.
    fileprivate func replacingPriority(_ value: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].hasSuffix("priority 1") {
            lines[index] = "    priority \(value)"
        }
        return lines.joined(separator: "\n")
    }
}
