import Glibc
import HealthCheck
import Testing

@Suite("track_file: reading, init_file and the inotify watcher")
struct TrackFileTests {
    /// keepalived reads with strtol(buf, NULL, 0): base prefixes, leading space, trailing text ignored.
    @Test(
        "a file's content becomes a value as keepalived's strtol reads it",
        arguments: [
            ("42\n", 42), ("  -7 trailing", -7), ("+3", 3), ("\t\n 6\n", 6), ("0", 0), ("0x1f", 31), ("0X10", 16),
            ("010", 8), ("09", 0), ("0x", 0), ("-0x10", -16), ("6abc", 6), ("2147483648", 2_147_483_648),
            ("-2147483648", -2_147_483_648),
        ])
    func parses(text: String, expected: Int) {
        let reading = TrackFileReading(content: Array(text.utf8))
        #expect(reading.value == expected)
        #expect(reading.problem == nil)
    }

    @Test(
        "content without a number reads as 0 and says so; one out of range is ignored",
        arguments: [
            ("", TrackFileReading(value: 0, problem: .empty)),
            ("abc", TrackFileReading(value: 0, problem: .notANumber("abc"))),
            ("-", TrackFileReading(value: 0, problem: .notANumber("-"))),
            ("  \n", TrackFileReading(value: 0, problem: .notANumber(""))),
            ("\0" + "5", TrackFileReading(value: 0, problem: .notANumber(""))),
            ("2147483649", TrackFileReading(value: nil, problem: .outOfRange("2147483649"))),
            ("-2147483649", TrackFileReading(value: nil, problem: .outOfRange("-2147483649"))),
            ("99999999999999999999999", TrackFileReading(value: nil, problem: .outOfRange("99999999999999999999999"))),
        ])
    func problems(text: String, expected: TrackFileReading) {
        #expect(TrackFileReading(content: Array(text.utf8)) == expected)
    }

    @Test("only the first 127 bytes count, as keepalived's buffer")
    func bufferLimit() {
        let text = String(repeating: " ", count: 127) + "5"
        #expect(TrackFileReading(content: Array(text.utf8)).value == 0)
        let fits = String(repeating: " ", count: 126) + "5"
        #expect(TrackFileReading(content: Array(fits.utf8)).value == 5)
    }

    @Test("problems name the cause and what happens to the value")
    func descriptions() {
        #expect(TrackFileProblem.notANumber("abc").description == "holds \"abc\", not a number: read as 0")
        #expect(TrackFileProblem.outOfRange("1e99").keepsPreviousValue)
        #expect(!TrackFileProblem.missing.keepsPreviousValue)
    }

    @Test("reading: a missing file is 0, a directory is unreadable, a file its value")
    func reading() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(TrackFile.read(path: directory.path + "/none") == TrackFileReading(value: 0, problem: .missing))
        let unreadable = TrackFile.read(path: directory.path)
        #expect(unreadable.value == 0)
        if case .unreadable(let cause) = unreadable.problem {
            #expect(cause.hasPrefix("read: "))
        } else {
            Issue.record("a directory read as \(unreadable)")
        }
        try directory.write("value", "12\n")
        #expect(TrackFile.read(path: directory.path + "/value") == TrackFileReading(value: 12))
    }

    @Test("init_file writes a missing file; overwrite rewrites it, except on a reload; a directory is refused")
    func initFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/value"
        #expect(try TrackFile.initialise(path: path, value: 5, overwrite: false))
        #expect(TrackFile.read(path: path).value == 5)
        #expect(try !TrackFile.initialise(path: path, value: 9, overwrite: false))
        #expect(TrackFile.read(path: path).value == 5)
        #expect(try !TrackFile.initialise(path: path, value: 9, overwrite: true, reload: true))
        #expect(TrackFile.read(path: path).value == 5)
        #expect(try TrackFile.initialise(path: path, value: -3, overwrite: true))
        #expect(TrackFile.read(path: path).value == -3)
        #expect(throws: TrackFileError.self) {
            try TrackFile.initialise(path: directory.path, value: 1, overwrite: true)
        }
    }

    /// Waits (at most 2 s) for the watcher's descriptor to be readable, then drains it.
    func receive(_ watcher: TrackFileWatcher) -> [TrackFileWatcher.Report] {
        var poller = pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&poller, 1, 2_000)
        return watcher.receive()
    }

    @Test("the watcher sees a file created, written, renamed over, filled with garbage and deleted")
    func watcher() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let watcher = try TrackFileWatcher()
        let errors = watcher.watch([
            TrackFileWatcher.File(name: "maint", path: directory.path + "/value"),
            TrackFileWatcher.File(name: "lost", path: directory.path + "/missing-dir/value"),
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.path == directory.path + "/missing-dir")
        let initial = watcher.readAll()
        #expect(initial.map(\.value) == [0])
        #expect(initial.first?.problem == .missing)
        #expect(watcher.receive().isEmpty)  // never blocks

        try directory.write("value", "6\n")
        var reports = receive(watcher)
        #expect(reports.last?.value == 6)
        #expect(reports.last?.previous == 0)
        #expect(reports.last?.changed == true)

        try directory.write("staging", "-3\n")
        #expect(rename(directory.path + "/staging", directory.path + "/value") == 0)
        reports = receive(watcher)
        #expect(reports.map(\.value) == [-3])

        try directory.write("value", "garbage\n")
        reports = receive(watcher)
        #expect(
            reports.last
                == TrackFileWatcher.Report(
                    name: "maint", path: directory.path + "/value", previous: -3, value: 0,
                    problem: .notANumber("garbage")))

        try directory.write("value", "7")
        _ = receive(watcher)
        try directory.write("value", "99999999999")
        reports = receive(watcher)
        #expect(reports.last?.value == 7)  // out of range: ignored, the previous value stays
        #expect(reports.last?.changed == false)

        try directory.write("other", "5")  // another file in the directory is not ours
        #expect(receive(watcher).isEmpty)

        #expect(unlink(directory.path + "/value") == 0)
        reports = receive(watcher)
        #expect(reports.map(\.value) == [0])
        #expect(reports.first?.problem == .missing)
        #expect(watcher.values == ["maint": 0])
    }

    @Test("a removed directory ends the watch: reported once, the value stays")
    func directoryRemoved() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let inner = directory.path + "/inner"
        #expect(mkdir(inner, 0o755) == 0)
        let watcher = try TrackFileWatcher()
        #expect(watcher.watch([TrackFileWatcher.File(name: "inner", path: inner + "/value")]).isEmpty)
        let descriptor = open(inner + "/value", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        _ = "5".withCString { Glibc.write(descriptor, $0, 1) }
        close(descriptor)
        #expect(receive(watcher).map(\.value) == [5])
        #expect(rename(inner + "/value", directory.path + "/moved") == 0)
        #expect(receive(watcher).map(\.value) == [0])  // renamed away: 0
        #expect(rmdir(inner) == 0)
        let reports = receive(watcher)
        #expect(reports.map(\.problem) == [.watchEnded])
        #expect(reports.first?.value == 0 && reports.first?.changed == false)
    }
}
