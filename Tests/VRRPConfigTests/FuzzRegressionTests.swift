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

/// Inputs libFuzzer found (Scripts/fuzz-config.sh), as hex because they hold NUL and invalid UTF-8.
@Suite("Fuzz findings")
struct FuzzFindingTests {
    /// timeout-bcea59b4…: a multi-line `$VS` whose own lines mention `$VS`; expansion fanned out without bound.
    static let selfReferencingMacro =
        "e7036f7720406c6f4c44565003000000000000003f4545ffffffffffffff473061097d0a7d0a0a31406c767373646664"
        + "73662e636f6d0a09736d74705f73650a767272705f73796e635f67726f75702056473020097d0a7d0a0a2456533d205c"
        + "0a767272705f7363726970666963617469706e5f656d61696cffffff295fffffffffffffffffff7276616cf05d0c92b8"
        + "5500002031205c2456533d205c0a767272705f736372697066010000000000ffffff295fffffffffffffffffff727661"
        + "6cf05d0c92b85500002031205c2456533d205c0a767272705f736372697066010000000000000069636174696f6e5f65"
        + "6d61696c5fff29000069636174696f6e5f656d61696c5fff29ffffffff7276616c2031205c0a20202020202020207469"
        + "6d653a7574203130205c0a7d0a0a244e554d3d310a2456530a0a767272705f796e7374616e63652056494e4e4e5c0a7d"
        + "0a0a244e554d3d310a2456530a0a76727d2f73"

    @Test("a self-referencing multi-line variable is reported once and loads quickly")
    func selfReferencingMacro() throws {
        var bytes: [UInt8] = []
        var digits = Array(Self.selfReferencingMacro.utf8)[...]
        while digits.count >= 2 {
            bytes.append(try #require(UInt8(String(decoding: digits.prefix(2), as: UTF8.self), radix: 16)))
            digits = digits.dropFirst(2)
        }
        var reader = InMemoryConfigReader([:])
        reader.files[mainPath] = bytes
        let clock = ContinuousClock()
        let start = clock.now
        let result = KeepalivedConfigLoader(reader: reader, configID: "a").load(path: mainPath)
        #expect(clock.now - start < .seconds(5))
        let cycles = result.diagnostics.filter { $0.message.contains("'$VS' refers to itself") }
        #expect(cycles.count == 1)
        #expect(cycles.first?.severity == .error)
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
