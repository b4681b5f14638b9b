import ArgumentParser
import Glibc
import VRRPRuntime

/// `vrrpctl reload`: the running node re-reads its configuration file.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make a running node re-read its configuration file (as SIGHUP does).",
        discussion: """
            The node loads and validates the file it was started with; a file with errors is refused (exit 1) and \
            the node runs on with the old configuration. Instances keep their state where the change allows.
            """
    )

    @OptionGroup var socket: ControlSocketOptions

    func run() throws {
        let response = try socket.send(ControlRequest(command: .reload))
        writeAll((response.message ?? "reloaded") + "\n", to: STDOUT_FILENO)
    }
}
