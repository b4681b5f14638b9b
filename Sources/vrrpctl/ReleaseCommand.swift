import ArgumentParser
import Glibc
import VRRPRuntime

/// `vrrpctl release NAME`: maintenance release of an instance.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Take an instance out of service for maintenance: it gives up mastership and stays out.",
        discussion: """
            The instance's `operator:release` tracked item (weight 0) goes down, so the instance enters FAULT: a \
            master sends a priority-0 advert and removes its virtual addresses, so a backup takes over within \
            Skew_Time. It stays out until `vrrpctl restore NAME` or a restart of the node. Logged by the node \
            with the caller's uid and pid.
            """
    )

    @OptionGroup var socket: ControlSocketOptions

    @Argument(help: "The instance (vrrp_instance name).")
    var instance: String

    func run() throws {
        let response = try socket.send(ControlRequest(command: .release, instance: instance))
        writeAll((response.message ?? "released") + "\n", to: STDOUT_FILENO)
    }
}
