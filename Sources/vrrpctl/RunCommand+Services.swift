import ArgumentParser
import Foundation
import Logging
import VRRPRuntime

/// The control socket and the metrics listener of `vrrpctl run`.
extension RunCommand {
    /// What was started, to stop when the node stops.
    struct Services {
        var control: ControlServer?
        var metrics: MetricsServer?

        func stop() {
            control?.stop()
            metrics?.stop()
        }
    }

    func startServices(
        for node: VRRPNode, configPath: String, configID: String, logger: Logger, dumps: DumpSource,
        systemd: SystemdReporter
    ) throws -> Services {
        var services = Services()
        if controlSocket != "none" {
            guard let mode = UInt32(controlSocketMode, radix: 8), mode <= 0o777 else {
                throw ValidationError("--control-socket-mode '\(controlSocketMode)' is not an octal mode such as 0600")
            }
            let path = controlSocket ?? ControlServer.defaultPath
            let handler = ControlHandler.node(
                node,
                reload: {
                    logger.info("Reloading \(configPath) (control socket)")
                    systemd.reloading(configPath)
                    switch Self.load(configPath, configID: configID, logger: logger, dumps: dumps) {
                    case .success(let configuration):
                        node.reload(configuration)
                        _ = node.freshStatus(timeout: .seconds(2))  // returns once the loop applied it
                        systemd.reloaded(node, refusal: nil)
                        return ControlResponse(ok: true, message: "reloading \(configPath)")
                    case .failure:
                        logger.error("Reload refused: \(configPath) has errors; running on the old one")
                        systemd.reloaded(node, refusal: "\(configPath) has errors")
                        return .failure("\(configPath) has errors (see the node's log); running on the old one")
                    }
                })
            do {
                let server = try ControlServer(path: path, mode: mode, handler: handler, logger: logger)
                server.start()
                services.control = server
            } catch {
                if controlSocket == nil {
                    logger.warning("No control socket: \(error)")
                } else {
                    logger.critical("Cannot serve the control socket: \(error)")
                    throw ExitCode(1)
                }
            }
        }
        systemd.follow(node)
        if let metricsListen {
            let prometheus = NodeMetrics.prometheus(for: node)
            prometheus.metrics.follow(node)
            do {
                let server = try MetricsServer(listenAddress: metricsListen, logger: logger, render: prometheus.render)
                server.start()
                services.metrics = server
            } catch {
                services.control?.stop()
                logger.critical("Cannot serve metrics: \(error)")
                throw ExitCode(1)
            }
        }
        return services
    }
}
