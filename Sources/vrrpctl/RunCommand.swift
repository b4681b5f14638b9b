import ArgumentParser
import FoundationEssentials
import Glibc
import Logging
import Synchronization
import VRRPConfig
import VRRPRuntime

/// `vrrpctl run`: a VRRP node from a keepalived.conf, in the foreground.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a VRRP node from a keepalived.conf (the vrrp_instance, vrrp_script and sync group parts).",
        discussion: """
            Runs in the foreground until SIGTERM or SIGINT: masters then send priority 0, remove their virtual \
            addresses and run notify_stop before the process exits 0. SIGHUP reloads the file (a file with errors \
            is refused and the node runs on). As keepalived, SIGUSR1 writes keepalived.data, SIGUSR2 keepalived.stats \
            and SIGRTMIN+2 (keepalived --signum=JSON) keepalived.json, in $TMPDIR or /tmp (see --dump-directory).

            keepalived's -l, -D, -n, -P/--vrrp flags are accepted so an existing unit file works unchanged.
            Needs CAP_NET_RAW and CAP_NET_ADMIN (root).

            Operations: a control socket (default /run/vrrpctl.sock, mode 0600) serves vrrpctl status, reload, \
            release and restore; --metrics-listen serves Prometheus metrics (docs/metrics.md). Under systemd \
            Type=notify ($NOTIFY_SOCKET set) it sends READY=1 once its sockets are open and its instances started, \
            RELOADING=1 (with MONOTONIC_USEC) then READY=1 around a reload, STOPPING=1 on SIGTERM, and a STATUS= \
            line with the instances' states.

            Exit status: 0 after a clean stop, 1 when the node cannot run (privileges, sockets), 2 when the \
            configuration has errors.
            """
    )

    @Option(name: [.customShort("f"), .customLong("use-file")], help: "The configuration file.")
    var file = "/etc/keepalived/keepalived.conf"

    @Flag(name: [.customShort("l"), .customLong("log-console")], help: "Log to the console (the default).")
    var logConsole = false

    @Flag(name: [.customShort("D"), .customLong("log-detail")], help: "Log in detail (debug level).")
    var logDetail = false

    @Flag(name: [.customShort("n"), .customLong("dont-fork")], help: "Stay in the foreground (always so).")
    var dontFork = false

    @Flag(name: [.customShort("P"), .customLong("vrrp")], help: "Run only the VRRP part (always so).")
    var vrrpOnly = false

    @Flag(help: "Log to syslog (the journal) instead of the console.")
    var syslog = false

    @Option(name: [.customShort("p"), .customLong("pid")], help: "Write the process id to this file.")
    var pidFile: String?

    @Option(name: [.customShort("r"), .customLong("vrrp_pid")], help: "Also write the process id to this file.")
    var vrrpPidFile: String?

    @Option(
        name: [.customShort("i"), .customLong("config-id")], help: "The id @name lines match (default: host name).")
    var configID: String?

    @Option(
        name: .customLong("control-socket"),
        help: ArgumentHelp(
            "The control socket for vrrpctl status / reload / release / restore (default: /run/vrrpctl.sock; "
                + "'none' serves none).",
            discussion: "An explicit path that cannot be served is fatal; when the default is in use by another "
                + "node, the node runs on without one."))
    var controlSocket: String?

    @Option(
        name: .customLong("control-socket-mode"),
        help: "The control socket's permissions, octal (0600: root only; 0660 lets the socket's group in).")
    var controlSocketMode = "0600"

    @Option(
        name: .customLong("dump-directory"),
        help: ArgumentHelp(
            "Where the SIGUSR1 / SIGUSR2 / JSON dumps go (default: $TMPDIR, else /tmp, as keepalived).",
            valueName: "directory"))
    var dumpDirectory: String?

    @Option(
        name: .customLong("metrics-listen"),
        help: ArgumentHelp(
            "Serve Prometheus metrics over HTTP on HOST:PORT (e.g. 127.0.0.1:9650, [::1]:9650); none by default.",
            valueName: "host:port"))
    var metricsListen: String?

    @Option(
        name: .customLong("rt-priority"),
        help: ArgumentHelp(
            "Run the VRRP loop under SCHED_RR at this priority, 1-99 (overrides vrrp_rt_priority; default: the normal "
                + "scheduler, as keepalived). Needs CAP_SYS_NICE.",
            valueName: "priority"))
    var realtimePriority: Int32?

    @Option(
        name: .customLong("sched-slice"),
        help: ArgumentHelp(
            "The VRRP loop thread's time slice under the normal scheduler, in microseconds: 100-100000, or 0 for the "
                + "kernel's default (default: \(Self.defaultSchedulerSlice)).",
            discussion: "A short slice (sched_setattr sched_runtime, Linux 6.12 or later, no privilege needed) lets "
                + "the loop's timer wake-ups preempt a busy CPU sooner, so adverts keep their period on a loaded "
                + "host. Ignored under --rt-priority / vrrp_rt_priority.",
            valueName: "microseconds"))
    var schedulerSlice: Int = Self.defaultSchedulerSlice

    /// The loop thread's slice, in microseconds, when `--sched-slice` is not given.
    static let defaultSchedulerSlice = 100

    @Flag(
        name: .customLong("keep-startup-pages"),
        help: "Keep the code that only startup ran resident (by default it leaves the resident set once running).")
    var keepStartupPages = false

    func validate() throws {
        if let realtimePriority, !(1...99).contains(realtimePriority) {
            throw ValidationError("--rt-priority must be 1-99, not \(realtimePriority)")
        }
        if schedulerSlice != 0 && !(100...100_000).contains(schedulerSlice) {
            throw ValidationError(
                "--sched-slice must be 100-100000 microseconds (or 0 for the kernel's default), not \(schedulerSlice)")
        }
    }

    func run() throws {
        // Signals first: blocked before any thread starts, delivered to a watcher thread.
        let node = NodeBox()
        let configPath = file
        let configID = configID ?? FileSystemReader.hostName
        let logger = bootstrapLogging()
        let dumps = DumpSource(directory: resolvedDumpDirectory)
        let systemd = SystemdReporter(logger: logger)
        let jsonSignal = KeepalivedDump.jsonSignal
        _ = try SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, jsonSignal]) { signal in
            switch signal {
            case SIGTERM, SIGINT:
                logger.info("Stopping (signal \(signal))")
                systemd.stopping()
                node.value?.stop()
            case SIGHUP:
                logger.info("Reloading \(configPath)")
                systemd.reloading(configPath)
                switch Self.load(configPath, configID: configID, logger: logger, dumps: dumps) {
                case .success(let configuration):
                    node.value?.reload(configuration)
                    _ = node.value?.freshStatus(timeout: .seconds(2))  // returns once the loop applied it
                    systemd.reloaded(node.value, refusal: nil)
                case .failure:
                    logger.error("Reload refused: \(configPath) has errors; running on the old one")
                    systemd.reloaded(node.value, refusal: "\(configPath) has errors")
                }
            case SIGUSR1:
                dumps.write(.data, node: node.value, logger: logger)
            case SIGUSR2:
                dumps.write(.statistics, node: node.value, logger: logger)
            case jsonSignal:
                dumps.write(.json, node: node.value, logger: logger)
            default:
                break
            }
        }
        var configuration: NodeConfiguration
        switch Self.load(configPath, configID: configID, logger: logger, dumps: dumps) {
        case .success(let loaded): configuration = loaded
        case .failure: throw ExitCode(2)
        }
        if let realtimePriority { configuration.realtimePriority = realtimePriority }
        configuration.schedulerSlice = schedulerSlice == 0 ? nil : .microseconds(schedulerSlice)
        if configuration.lockMemory {
            do {
                try ProcessMemory.lockAll()
            } catch {
                logger.warning("vrrp_no_swap: \(error); memory stays unlocked")
            }
        }
        let pidFiles = [pidFile, vrrpPidFile].compactMap { $0 }
        for path in pidFiles { Self.write("\(getpid())\n", to: path, logger: logger) }
        defer { for path in pidFiles { unlink(path) } }

        let running = VRRPNode(
            configuration: configuration, environment: KernelEnvironment(), logger: logger)
        node.value = running
        let services = try startServices(
            for: running, configPath: configPath, configID: configID, logger: logger, dumps: dumps, systemd: systemd)
        defer { services.stop() }
        if !keepStartupPages && !configuration.lockMemory {
            releaseStartupPagesWhenRunning(
                running, policy: WorkingSetTrimPolicy(for: configuration), logger: logger)
        }
        logger.info("Starting VRRP node: \(configuration.instances.count) instance(s) from \(configPath)")
        do {
            try running.runOnCurrentThread()
        } catch {
            logger.critical("Cannot run: \(error)")
            throw ExitCode(1)
        }
        logger.info("Stopped")
    }

    private func bootstrapLogging() -> Logger {
        let level: Logger.Level = logDetail ? .debug : .info
        let destination: ConsoleLogHandler.Destination = syslog && !logConsole ? .syslog : .console
        LoggingSystem.bootstrap { _ in ConsoleLogHandler(level: level, destination: destination) }
        return Logger(label: "vrrpctl")
    }

    /// Loads, validates and converts a file; prints its diagnostics. Failure when it has errors.
    static func load(
        _ path: String, configID: String, logger: Logger, dumps: DumpSource? = nil
    ) -> Result<NodeConfiguration, ExitCode> {
        // A missing interface is not an error for a running node: the instance waits in FAULT until it appears.
        let loader = KeepalivedConfigLoader(reader: FileSystemReader(), configID: configID)
        let result = loader.load(path: path)
        for diagnostic in result.diagnostics {
            switch diagnostic.severity {
            case .error: logger.error("\(diagnostic)")
            case .warning: logger.warning("\(diagnostic)")
            case .note: logger.info("\(diagnostic)")
            }
        }
        guard !result.hasErrors else { return .failure(ExitCode(2)) }
        do {
            let configuration = try NodeConfiguration(keepalived: result.configuration)
            for warning in NodeConfiguration.unsupportedFeatures(in: result.configuration) {
                logger.warning("\(path): \(warning)")
            }
            dumps?.update(configuration, global: result.configuration.global)
            return .success(configuration)
        } catch {
            logger.error("\(path): \(error)")
            return .failure(ExitCode(2))
        }
    }

    static func write(_ text: String, to path: String, logger: Logger) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            logger.error("Cannot write \(path): \(error)")
        }
    }
}

/// The node, once created, for the signal thread.
final class NodeBox: Sendable {
    private let node = Mutex<VRRPNode?>(nil)
    var value: VRRPNode? {
        get { node.withLock { $0 } }
        set { node.withLock { $0 = newValue } }
    }
}
