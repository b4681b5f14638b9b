import VRRPConfig
import VRRPWire

/// Loads configuration text through the in-memory reader, as `/etc/keepalived/keepalived.conf`.
func load(
    _ text: String, extraFiles: [String: String] = [:], configID: String? = "node-a",
    interfaceExists: (@Sendable (String) -> Bool)? = nil
) -> ConfigLoadResult {
    var files = extraFiles
    files[mainPath] = text
    let loader = KeepalivedConfigLoader(
        reader: InMemoryConfigReader(files), configID: configID, interfaceExists: interfaceExists)
    return loader.load(path: mainPath)
}

/// The path `load` uses for the main file.
let mainPath = "/etc/keepalived/keepalived.conf"

extension ConfigLoadResult {
    /// The codes of the findings of one severity.
    func codes(_ severity: DiagnosticSeverity) -> [DiagnosticCode] {
        diagnostics.filter { $0.severity == severity }.map(\.code)
    }

    /// The first finding with this code.
    func first(_ code: DiagnosticCode) -> Diagnostic? { diagnostics.first { $0.code == code } }
}

/// A minimal valid instance body, to embed in tests.
func instanceText(
    name: String = "VI_1", state: String = "BACKUP", vrid: Int = 51, priority: Int = 100, extra: String = ""
) -> String {
    """
    vrrp_instance \(name) {
        state \(state)
        interface eth0
        virtual_router_id \(vrid)
        priority \(priority)
        virtual_ipaddress {
            192.0.2.10/24
        }
    \(extra)
    }

    """
}
