import ArgumentParser
import Glibc
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

    /// Once the node has opened its sockets and started its instances (its first status is published, within
    /// 30 s) and a second more has passed, the pages only startup used leave the resident set, and later those
    /// that state changes or reloads used once (``ProcessMemory/trimToWorkingSet(observation:keepingSplit:releasingFirst:report:)`` under a
    /// ``WorkingSetTrimPolicy``). With memory locked (`vrrp_no_swap`) there is nothing to release.
    func releaseStartupPagesWhenRunning(
        _ node: VRRPNode, policy: WorkingSetTrimPolicy, logger: Logger
    ) {
        let started = Self.detachThread {
            let deadline = ContinuousClock.now + .seconds(30)
            while node.status.isEmpty, ContinuousClock.now < deadline { usleep(10_000) }
            guard !node.status.isEmpty else { return }
            sleep(1)
            var baseline = Self.trim(
                observation: policy.observation, keepingSplit: policy.firstSplitAfterObservation, releasingFirst: true,
                logger: logger)
            while let last = baseline {
                ProcessMemory.pause(policy.checkInterval)
                guard let resident = ProcessMemory.residentFileKilobytes() else { return }
                if policy.shouldTrim(residentFileKilobytes: resident, baseline: last) {
                    baseline = Self.trim(
                        observation: policy.observation, keepingSplit: .zero, releasingFirst: false, logger: logger)
                }
            }
        }
        if !started { logger.warning("Cannot start the thread that waits for the node to be ready") }
    }

    /// One trim; the resident file kilobytes it left, or nil when trimming does not work here (then no more).
    private static func trim(
        observation: Duration, keepingSplit: Duration, releasingFirst: Bool, logger: Logger
    ) -> Int? {
        var left: Int?
        do {
            try ProcessMemory.trimToWorkingSet(
                observation: observation, keepingSplit: keepingSplit, releasingFirst: releasingFirst
            ) {
                released, resident in
                left = resident
                logger.debug("Released \(released) kB of code and constants not in use (\(resident ?? 0) kB stay)")
            }
        } catch {
            logger.warning("Cannot release the pages not in use: \(error)")
            return nil
        }
        return left
    }

    /// Runs `body` on a detached thread of its own (pthread: the node must not need Foundation's `Thread`).
    /// False when no thread could be created (then `body` does not run).
    static func detachThread(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Body: Sendable {
            let run: @Sendable () -> Void
            init(_ run: @escaping @Sendable () -> Void) { self.run = run }
        }
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
