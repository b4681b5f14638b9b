import Foundation
import Glibc

/// One scenario of `Tests/Integration/`: a bash script (with arguments, for a pairing of the interoperability
/// matrix) that builds a namespace lab, runs the vrrpctl binary named by `$VRRPCTL` against real peers, and exits 0
/// (pass), 77 (cannot run here) or another status (fail).
struct IntegrationScenario: Sendable, CustomStringConvertible {
    /// A name unique among the scenarios and usable in a file name: the script's file name, e.g.
    /// `f01-track-script.sh`, or for a matrix pairing `matrix-keepalived-vrrpctl-3-ipv6-unicast-none`.
    let name: String
    /// The script's path.
    let path: String
    /// The script's arguments (empty but for matrix pairings).
    var arguments: [String] = []
    /// What the script needs besides root, `ip netns`, tcpdump and tshark: the arguments after the scenario name
    /// on its `it_init` line (keepalived, frr, python3, curl), for a matrix pairing its peers.
    let needs: [String]
    /// What a test report shows; for a matrix pairing the combination, e.g. `v3 ipv6 unicast, auth none:
    /// keepalived master, vrrpctl backup`.
    var label: String = ""

    var description: String { label.isEmpty ? name : label }

    /// The longest a scenario may run before it is stopped (SIGTERM: its trap tears the lab down).
    static let timeLimit: Duration = .seconds(150)

    /// `Tests/Integration/` beside this file's directory.
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.deletingLastPathComponent().appendingPathComponent("Integration").path
    }()

    /// The scripts that are not scenarios by themselves: the shared library and the matrix driver.
    static let libraries: Set<String> = ["common.sh", matrixScript]

    /// The interoperability matrix's driver: one pairing per run, given as arguments.
    static let matrixScript = "matrix.sh"

    /// Every `*.sh` in the directory except the libraries, in name order (the order of the list).
    static let all: [IntegrationScenario] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".sh") && !libraries.contains($0) }.sorted().map { name in
            let path = directory + "/" + name
            return IntegrationScenario(name: name, path: path, needs: needs(ofScriptAt: path))
        }
    }()

    /// Every pairing of the interoperability matrix (`matrix.sh --list`), one scenario each; empty when the list
    /// cannot be read (the matrix test then fails on that).
    static let matrix: [IntegrationScenario] = {
        let path = directory + "/" + matrixScript
        return matrixLines(path: path, option: "--list").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 6 else { return nil }
            let (master, backup) = (fields[0], fields[1])
            let label = "v\(fields[2]) \(fields[3]) \(fields[4]), auth \(fields[5]): \(master) master, \(backup) backup"
            return IntegrationScenario(
                name: "matrix-" + fields.joined(separator: "-"), path: path, arguments: fields,
                needs: Array(Set([master, backup]).subtracting(["vrrpctl"])).sorted(), label: label)
        }
    }()

    /// The lines `matrix.sh OPTION` prints (`--list`, `--impossible`); empty when it cannot run.
    static func matrixLines(path: String, option: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path, option]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return []
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The words after the scenario name on the script's `it_init` line.
    static func needs(ofScriptAt path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("it_init ") {
            return line.split(separator: " ").dropFirst(2).map(String.init)
        }
        return []
    }

    /// Why the lab cannot run on this machine at all, or nil when it can (root, `ip netns`, tcpdump, tshark).
    static let labUnavailableReason: String? = {
        guard getuid() == 0 else { return "needs root (network namespaces, raw sockets)" }
        guard let ip = executable(named: "ip") else { return "needs iproute2 (ip)" }
        guard run([ip, "netns", "list"]) == 0 else { return "ip netns is unavailable" }
        for tool in ["tcpdump", "tshark"] where executable(named: tool) == nil {
            return "needs \(tool)"
        }
        return nil
    }()

    /// Why this scenario cannot run here (a peer daemon or tool is missing), or nil.
    var missingRequirement: String? {
        for need in needs {
            switch need {
            case "frr":
                let daemons = ["/usr/lib/frr/zebra", "/usr/lib/frr/vrrpd"]
                if daemons.contains(where: { access($0, X_OK) != 0 }) { return "needs FRR (zebra, vrrpd)" }
            default:
                if Self.executable(named: need) == nil { return "needs \(need)" }
            }
        }
        return nil
    }

    /// The vrrpctl binary under test: `$VRRPCTL` when set, else the one SwiftPM built into the directory of the
    /// test runner (`.build/debug/vrrpctl` beside `<package>PackageTests.xctest`).
    static let vrrpctl: String? = {
        if let path = ProcessInfo.processInfo.environment["VRRPCTL"], !path.isEmpty {
            return access(path, X_OK) == 0 ? path : nil
        }
        var directories: [String] = []
        if let runner = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append((runner as NSString).deletingLastPathComponent)
        }
        let arguments = CommandLine.arguments
        if let flag = arguments.firstIndex(of: "--test-bundle-path"), flag + 1 < arguments.count {
            directories.append((arguments[flag + 1] as NSString).deletingLastPathComponent)
        }
        if let executable = Bundle.main.executablePath {
            directories.append((executable as NSString).deletingLastPathComponent)
        }
        for directory in directories {
            let candidate = directory + "/vrrpctl"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }()

    /// What a run of the script produced.
    struct Outcome: Sendable {
        /// The exit status (128 + N after signal N), or nil when the time limit stopped the script.
        var status: Int32?
        /// Standard output and error, interleaved.
        var output: String
    }

    /// Runs the script with `VRRPCTL` set; stops it with SIGTERM (then SIGKILL) at the time limit.
    ///
    /// Spawned with every signal unblocked and at its default disposition: the test runner's threads block
    /// signals, a plain child would inherit that mask, and the script's children (tcpdump stopped with SIGINT,
    /// daemons with SIGTERM) would then not react. Output goes to a file, not a pipe, so a straggling child
    /// holding the descriptor cannot block the read.
    func run(vrrpctl: String) throws -> Outcome {
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("vrrpsw-io-\(getpid())-\(name).out").path
        defer { unlink(log) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["VRRPCTL"] = vrrpctl
        let arguments = ["/bin/bash", path] + self.arguments
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SpawnError(script: name, errno: spawned)
        }

        let deadline = ContinuousClock.now + Self.timeLimit
        var timedOut = false
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now >= deadline, !timedOut {
                timedOut = true
                kill(pid, SIGTERM)
                let grace = ContinuousClock.now + .seconds(10)
                while waitpid(pid, &status, WNOHANG) == 0, ContinuousClock.now < grace { usleep(50_000) }
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(50_000)
        }
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        if timedOut { return Outcome(status: nil, output: text) }
        let signal = status & 0x7f
        return Outcome(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, output: text)
    }

    /// The script could not be started.
    struct SpawnError: Error, CustomStringConvertible {
        /// The script's name.
        var script: String
        /// The errno posix_spawn returned.
        var errno: Int32

        var description: String { "cannot start \(script): \(String(cString: strerror(errno)))" }
    }

    /// The absolute path of an executable found on PATH (or in the sbin and bin directories), or nil.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + name }.first { access($0, X_OK) == 0 }
    }

    /// Runs a command quietly and returns its exit status (-1 when it cannot start).
    static func run(_ command: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
