import Testing
import VRRPConfig
import VRRPWire

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    @Test("text form: place, severity, message, code, the source line and a caret under the column")
    func text() throws {
        let result = load("vrrp_instance VI_1 {\n\tstate SLAVE\n}\n")
        let renderer = DiagnosticRenderer(sources: result.sources)
        let finding = try #require(result.first(.invalidValue))
        #expect(
            renderer.render(finding) == """
                \(mainPath):2:8: error: unknown state 'SLAVE' (MASTER or BACKUP); keepalived runs the instance \
                as BACKUP \
                [invalid-value]
                    \tstate SLAVE
                    \t      ^

                """)
    }

    @Test("the summary counts errors and warnings")
    func summary() {
        let findings = [
            Diagnostic(.error, .invalidNumber, "x", at: nil), Diagnostic(.warning, .deprecated, "y", at: nil),
            Diagnostic(.warning, .deprecated, "z", at: nil),
        ]
        #expect(DiagnosticRenderer.summary(findings, files: 2) == "1 error, 2 warnings; 2 files checked")
        #expect(DiagnosticRenderer.summary([], files: 1) == "no problems; 1 file checked")
    }

    @Test("JSON escapes text and writes null for findings without a place")
    func json() {
        let findings = [
            Diagnostic(
                .warning, .unknownKeyword, "bad \"word\"\t", at: SourceLocation(file: "a.conf", line: 3, column: 5)),
            Diagnostic(.error, .peerMismatch, "x", at: nil),
        ]
        #expect(
            DiagnosticRenderer.json(findings) == """
                [
                  {"file": "a.conf", "line": 3, "column": 5, "severity": "warning", "code": "unknown-keyword", \
                "message": "bad \\"word\\"\\t"},
                  {"file": null, "line": null, "column": null, "severity": "error", "code": "peer-mismatch", \
                "message": "x"}
                ]
                """)
    }

    @Test("the effective configuration dump reloads to the same model")
    func dumpRoundTrip() {
        let text = instanceText(
            state: "MASTER", priority: 120,
            extra: """
                    advert_int 2
                    nopreempt
                    unicast_src_ip 192.0.2.1
                    unicast_peer {
                        192.0.2.2 min_ttl 254
                    }
                    track_interface {
                        eth1 weight -10
                    }
                    notify_master "/bin/echo \\"hi\\""
                """)
        let first = load(text).configuration
        let second = load(first.effectiveText).configuration
        var a = first.instances[0]
        var b = second.instances[0]
        a.location = nil
        b.location = nil
        a.virtualAddresses = a.virtualAddresses.map {
            var v = $0; v.location = nil; return v
        }
        b.virtualAddresses = b.virtualAddresses.map {
            var v = $0; v.location = nil; return v
        }
        a.unicastPeers = a.unicastPeers.map {
            var v = $0; v.location = nil; return v
        }
        b.unicastPeers = b.unicastPeers.map {
            var v = $0; v.location = nil; return v
        }
        a.trackInterfaces = a.trackInterfaces.map {
            var v = $0; v.location = nil; return v
        }
        b.trackInterfaces = b.trackInterfaces.map {
            var v = $0; v.location = nil; return v
        }
        a.authentication?.location = nil
        b.authentication?.location = nil
        #expect(a == b)
    }
}
