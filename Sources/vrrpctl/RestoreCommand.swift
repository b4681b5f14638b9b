import ArgumentParser
import Glibc
import VRRPRuntime

/// `vrrpctl restore NAME`: ends a maintenance release.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a released instance back in service.",
        discussion: """
            The instance's `operator:release` item comes back up; the instance leaves FAULT as BACKUP and takes \
            over again if its priority and preemption say so. Restoring an instance that is not released changes \
            nothing. Logged by the node.
            """
    )

    @OptionGroup var socket: ControlSocketOptions

    @Argument(help: "The instance (vrrp_instance name).")
    var instance: String

    func run() throws {
        let response = try socket.send(ControlRequest(command: .restore, instance: instance))
        writeAll((response.message ?? "restored") + "\n", to: STDOUT_FILENO)
    }
}
