import ArgumentParser
import Glibc
import Synchronization
import VRRPCapture
import VRRPRuntime

/// `vrrpctl watch -i IFACE | --pcap FILE`: a live view of every VRRP speaker on a segment, and its problems.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the VRRP speakers of a segment (live or from pcap files) and report problems.",
        discussion: """
            Keeps a table per VRID and family: every speaker with its priority, version, interval, address list, \
            TTL, authentication, advert count, mean period and jitter; who is master. Reports problems as they \
            appear: two masters for one VRID (split brain), different address lists (a VRID collision), \
            authentication, interval or version mismatches, adverts with TTL other than 255, a silent master \
            (no advert for 3 of its intervals plus 20 ms, and nobody took over), malformed VRRP messages.

            Live (-i): the table redraws in place on a terminal (ANSI) every --refresh seconds until Ctrl-C or \
            --duration; problems are also printed to stderr as they appear when stdout is not a terminal. \
            Needs CAP_NET_RAW. --netns captures inside a named network namespace (needs CAP_SYS_ADMIN).

            --pcap: reads the files in order and prints the final table and every problem. --json prints JSON \
            Lines instead: {"type":"problem",…} as problems appear, {"type":"routers",…} snapshots (live), and \
            a final {"type":"summary",…}. Exit status 0; 3 with --fail-on-problem when a problem was seen; 1 when \
            a capture cannot be opened.
            """
    )

    @Option(name: [.customShort("i"), .customLong("interface")], help: "Capture live on this interface.")
    var interface: String?

    @Option(name: .customLong("pcap"), help: "Read this pcap / pcapng file (repeatable) instead of capturing.")
    var pcapFiles: [String] = []

    @Option(help: "Capture inside this network namespace (a name under /var/run/netns, or a path).")
    var netns: String?

    @Flag(help: "Print JSON Lines instead of the table.")
    var json = false

    @Option(help: "Seconds between redraws / snapshots of a live watch.")
    var refresh: Double = 1

    @Option(help: "Stop a live watch after this many seconds (default: until Ctrl-C).")
    var duration: Double?

    @Option(help: "Adverts each of two overlapping masters must send before it counts as a split brain.")
    var splitBrainAdverts = 3

    @Flag(help: "Exit with status 3 when any problem was seen.")
    var failOnProblem = false

    func validate() throws {
        guard (interface == nil) != pcapFiles.isEmpty else {
            throw ValidationError("give either -i IFACE (live) or --pcap FILE, not both and not neither")
        }
        guard refresh >= 0.05, refresh <= 3600 else { throw ValidationError("--refresh must be in [0.05, 3600]") }
        if let duration { guard duration > 0 else { throw ValidationError("--duration must be positive") } }
        guard splitBrainAdverts >= 1 else { throw ValidationError("--split-brain-adverts must be at least 1") }
    }

    func run() throws {
        var watcher = SegmentWatcher(splitBrainAdverts: splitBrainAdverts)
        if let interface {
            try watchLive(interface, &watcher)
        } else {
            try watchFiles(&watcher)
        }
        if failOnProblem, !watcher.problems.isEmpty { throw ExitCode(3) }
    }

    private func watchFiles(_ watcher: inout SegmentWatcher) throws {
        for path in pcapFiles {
            do throws(CaptureError) {
                let reader = try PcapReader(path: path)
                while let frame = try reader.next() {
                    for problem in watcher.observe(frame) where json { writeAll(WatchJSON.problem(problem), to: 1) }
                }
            } catch {
                writeAll("vrrpctl watch: \(error)\n", to: STDERR_FILENO)
                throw ExitCode(1)
            }
        }
        // At the end of the capture, a master silent since its last advert is judged at the last frame's time.
        if json {
            writeAll(WatchJSON.snapshot(watcher, type: "summary"), to: STDOUT_FILENO)
        } else {
            writeAll(watcher.renderTable(problemLimit: Int.max), to: STDOUT_FILENO)
        }
    }

    private func watchLive(_ interface: String, _ watcher: inout SegmentWatcher) throws {
        let stop = StopFlag()
        _ = try SignalWatcher(signals: [SIGINT, SIGTERM]) { _ in stop.set() }
        let capture: LiveCapture
        do {
            capture =
                if let netns {
                    try LiveCapture.open(
                        interface: interface, inNetworkNamespace: netns, filter: LiveCapture.vrrpFilter,
                        readTimeout: .milliseconds(100))
                } else {
                    try LiveCapture(
                        interface: interface, filter: LiveCapture.vrrpFilter, readTimeout: .milliseconds(100))
                }
        } catch {
            writeAll("vrrpctl watch: \(error)\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
        let terminal = isatty(STDOUT_FILENO) == 1 && !json
        let started = Self.realtime()
        let refreshNanoseconds = Int64(refresh * 1e9)
        var nextDraw = started.nanosecondsSinceEpoch
        if terminal { writeAll("\u{1B}[?25l", to: STDOUT_FILENO) }
        defer { if terminal { writeAll("\u{1B}[?25h", to: STDOUT_FILENO) } }
        while !stop.isSet {
            let now = Self.realtime()
            if let duration, now.duration(since: started) >= .nanoseconds(Int64(duration * 1e9)) { break }
            var found: [SegmentProblem] = []
            do {
                if let frame = try capture.next() { found += watcher.observe(frame) }
            } catch {
                writeAll("vrrpctl watch: \(error)\n", to: STDERR_FILENO)
                throw ExitCode(1)
            }
            found += watcher.advance(to: Self.realtime())
            for problem in found {
                if json {
                    writeAll(WatchJSON.problem(problem), to: STDOUT_FILENO)
                } else if !terminal {
                    writeAll("\(problem.at) \(problem)\n", to: STDERR_FILENO)
                }
            }
            let current = Self.realtime()
            if current.nanosecondsSinceEpoch >= nextDraw {
                nextDraw = current.nanosecondsSinceEpoch + refreshNanoseconds
                if json {
                    writeAll(WatchJSON.snapshot(watcher, type: "routers"), to: STDOUT_FILENO)
                } else if terminal {
                    let heading =
                        "vrrpctl watch \(interface) — \(current) — \(watcher.frames) frames, "
                        + "\(watcher.advertisements) adverts (Ctrl-C to stop)\n\n"
                    writeAll("\u{1B}[H\u{1B}[2J" + heading + watcher.renderTable(now: current), to: STDOUT_FILENO)
                }
            }
        }
        if json {
            writeAll(WatchJSON.snapshot(watcher, type: "summary"), to: STDOUT_FILENO)
        } else {
            writeAll(
                (terminal ? "\n" : "") + watcher.renderTable(now: Self.realtime(), problemLimit: Int.max),
                to: STDOUT_FILENO)
        }
    }

    static func realtime() -> CaptureTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return CaptureTimestamp(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }
}

/// A flag the signal thread sets and the capture loop reads.
final class StopFlag: Sendable {
    private let flag = Atomic(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}
