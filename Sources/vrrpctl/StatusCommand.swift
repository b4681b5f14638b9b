import ArgumentParser
import Glibc
import VRRPRuntime

/// `vrrpctl status [--json] [--socket PATH] [INSTANCE...]`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the instances of a running node (over its control socket).",
        discussion: """
            For each instance: state and since when, base and effective priority with each tracked item's \
            contribution, the current master and the age of its last advert, Master_Adver_Interval, Skew_Time, \
            Master_Down_Interval, each virtual address and whether the kernel holds it now, the last transition \
            and its reason, the last takeover's timing, and the VRRP MIB counters.

            --json prints the schema vrrpctl.status/1 (docs/vrrpctl.md). Exit status: 0 when the node answered, \
            1 when no node runs on the socket, the socket is not readable, or a named instance does not exist.
            """
    )

    @OptionGroup var socket: ControlSocketOptions

    @Flag(help: "Print the status document as JSON (schema vrrpctl.status/1).")
    var json = false

    @Argument(help: "Only these instances (default: all).")
    var instances: [String] = []

    func run() throws {
        let response = try socket.send(ControlRequest(command: .status))
        guard var document = response.status else {
            writeAll("vrrpctl: the node's answer has no status document\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
        if !instances.isEmpty {
            let unknown = instances.filter { name in !document.instances.contains { $0.name == name } }
            guard unknown.isEmpty else {
                writeAll("vrrpctl: no instance named \(unknown.joined(separator: ", "))\n", to: STDERR_FILENO)
                throw ExitCode(1)
            }
            document.instances = document.instances.filter { instances.contains($0.name) }
        }
        writeAll(json ? try document.prettyJSON() + "\n" : document.renderText(), to: STDOUT_FILENO)
    }
}
