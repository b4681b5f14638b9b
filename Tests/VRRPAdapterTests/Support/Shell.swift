import Foundation

/// What a finished command printed and returned.
struct CommandResult: Sendable {
    /// The exit status (or 128 + signal when killed).
    var status: Int32
    /// Standard output.
    var stdout: String
    /// Standard error.
    var stderr: String
    /// Whether the command was stopped because it ran past its time limit.
    var timedOut: Bool
}

/// A command started in the background; stopped (SIGTERM, then SIGKILL) when stopped or released.
final class BackgroundProcess: @unchecked Sendable {
    let process: Process
    let stdoutURL: URL
    let stderrURL: URL

    init(process: Process, stdoutURL: URL, stderrURL: URL) {
        self.process = process
        self.stdoutURL = stdoutURL
        self.stderrURL = stderrURL
    }

    /// Waits up to `timeout` for the process to exit by itself, then stops it; returns its result.
    @discardableResult
    func finish(within timeout: Duration) -> CommandResult {
        let exited = Shell.waitForExit(process, timeout: timeout)
        if !exited { stop() }
        return CommandResult(
            status: process.isRunning ? -1 : process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "",
            timedOut: !exited)
    }

    /// SIGTERM, two seconds' grace, then SIGKILL.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if !Shell.waitForExit(process, timeout: .seconds(2)) {
            kill(process.processIdentifier, SIGKILL)
            _ = Shell.waitForExit(process, timeout: .seconds(2))
        }
    }

    deinit { stop() }
}

/// Runs commands with bounded waits, output captured through files (no pipe can fill up and block).
enum Shell {
    /// A directory for captured output, shared by the process.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpsw-ad-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    private static let counter = Counter()

    /// Runs `arguments` (the first looked up in PATH) and waits up to `timeout`.
    static func run(_ arguments: [String], timeout: Duration = .seconds(20)) throws -> CommandResult {
        let background = try start(arguments)
        return background.finish(within: timeout)
    }

    /// Starts `arguments` in the background.
    static func start(_ arguments: [String]) throws -> BackgroundProcess {
        let number = counter.next()
        let stdoutURL = scratch.appendingPathComponent("\(number).out")
        let stderrURL = scratch.appendingPathComponent("\(number).err")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = try FileHandle(forWritingTo: stdoutURL)
        let errors = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The child has its own copies. The Process keeps these until it is released, which can be long after
        // the command ended: a full test run held 1,500 of them open, and Process.run itself crashed (in memcpy)
        // with that many descriptors.
        try? output.close()
        try? errors.close()
        return BackgroundProcess(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
    }

    /// Polls until the process exits or the time is up; returns whether it exited.
    static func waitForExit(_ process: Process, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// Polls `condition` every 20 ms until it holds or the time is up; returns whether it held.
    static func waitUntil(_ timeout: Duration, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            usleep(20_000)
        }
    }
}

/// A thread-safe counter for unique file names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
