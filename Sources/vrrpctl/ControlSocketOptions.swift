import ArgumentParser
import Glibc
import VRRPRuntime

/// `--socket PATH` and `--timeout SECONDS`, shared by the commands that talk to a running node.
struct ControlSocketOptions: ParsableArguments {
    @Option(name: .customLong("socket"), help: "The node's control socket.")
    var path = ControlServer.defaultPath

    @Option(help: "Seconds to wait for the node's answer.")
    var timeout: Double = 5

    /// Sends a request; prints the failure and exits 1 when the node cannot be reached or refuses.
    func send(_ request: ControlRequest) throws -> ControlResponse {
        let response: ControlResponse
        do {
            response = try ControlClient.send(request, path: path, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch {
            writeAll("vrrpctl: \(error)\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
        guard response.ok else {
            writeAll("vrrpctl: the node refused: \(response.error ?? "no reason given")\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
        return response
    }

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be in (0, 600] seconds") }
    }
}
