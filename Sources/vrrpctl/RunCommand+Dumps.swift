import FoundationEssentials
import Glibc
import Logging
import Synchronization
import VRRPConfig
import VRRPRuntime

/// The keepalived-compatible dumps of `vrrpctl run`: SIGUSR1 (data), SIGUSR2 (statistics) and SIGRTMIN+2
/// (keepalived's `--signum=JSON`).
extension RunCommand {
    /// The directory the dumps go to: `--dump-directory`, else `$TMPDIR`, else `/tmp`, as keepalived.
    var resolvedDumpDirectory: String {
        dumpDirectory ?? KeepalivedDump.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    }
}

/// What a dump needs besides the node: the configuration in force and its `global_defs`, updated on each load.
final class DumpSource: Sendable {
    private let current = Mutex<(configuration: NodeConfiguration?, global: GlobalDefinitions)>(
        (nil, GlobalDefinitions()))
    /// Where the files go.
    let directory: String

    init(directory: String) {
        self.directory = directory
    }

    /// Records a configuration that is being applied.
    func update(_ configuration: NodeConfiguration, global: GlobalDefinitions) {
        current.withLock { $0 = (configuration, global) }
    }

    /// Writes one dump of `node`'s present state; logs the outcome.
    func write(_ kind: KeepalivedDump.Kind, node: VRRPNode?, logger: Logger) {
        let (configuration, global) = current.withLock { ($0.configuration, $0.global) }
        guard let node, let configuration else {
            logger.warning("No \(kind.fileName) yet: the node is still starting")
            return
        }
        let dump = KeepalivedDump(
            configuration: configuration, global: global, statuses: node.freshStatus(), checks: node.checks,
            interfaces: KeepalivedDump.Interface.current(), presentAddresses: ControlHandler.kernelAddresses(),
            monotonicNow: KeepalivedDump.monotonicNanoseconds(),
            wallNow: Date(), hostName: FileSystemReader.hostName, defaultScriptUser: (getuid(), getgid()))
        do {
            let path = try dump.write(kind, toDirectory: directory)
            logger.info("Wrote \(path)")
        } catch {
            logger.error("Cannot write the \(kind.rawValue) dump: \(error)")
        }
    }
}
