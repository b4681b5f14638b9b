import Glibc
import Synchronization
import Testing
import VRRPRuntime

@Suite("process memory: trimming code and constants to the working set", .serialized)
struct ProcessMemoryTests {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    static let pages = 64

    /// A private read-only mapping of a fresh file of `pages` pages, every page resident; unmapped by `body`'s end.
    func withMappedFile(_ body: (UnsafeRawPointer) throws -> Void) throws {
        var template = Array("/tmp/vrrp-process-memory-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(descriptor >= 0, "mkstemp: errno \(errno)")
        defer { close(descriptor) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        let length = Self.pages * Self.pageSize
        // One page a write: the page cache then holds one-page folios, so a page's use is its own (the
        // kernel reports a large folio referenced as a whole once any of its pages is, e.g. when DAMON samples).
        let page = [UInt8](repeating: 0x5A, count: Self.pageSize)
        for _ in 0..<Self.pages {
            try #require(page.withUnsafeBytes { write(descriptor, $0.baseAddress, Self.pageSize) } == Self.pageSize)
        }
        let mapping = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
        try #require(mapping != MAP_FAILED)
        defer { munmap(mapping, length) }
        let base = UnsafeRawPointer(mapping!)
        for page in 0..<Self.pages { touch(base, page: page) }
        try body(base)
    }

    /// The test mapping only: a trim of the whole test process would take long and change nothing to check.
    func whole(_ base: UnsafeRawPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: Self.pages * Self.pageSize)
    }

    func touch(_ base: UnsafeRawPointer, page: Int) {
        let byte = base.load(fromByteOffset: page * Self.pageSize, as: UInt8.self)
        withExtendedLifetime(byte) {}
    }

    /// Which of the mapping's pages are mapped in the process (/proc/self/pagemap, bit 63).
    func present(_ base: UnsafeRawPointer) -> Set<Int> {
        let descriptor = open("/proc/self/pagemap", O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var entries = [UInt64](repeating: 0, count: Self.pages)
        let offset = off_t(UInt(bitPattern: base) / UInt(Self.pageSize) * 8)
        let read = entries.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
        guard read == Self.pages * 8 else { return [] }
        return Set(entries.indices.filter { entries[$0] >> 63 == 1 })
    }

    /// How many lines of /proc/self/maps lie inside the mapping.
    func mappingCount(_ base: UnsafeRawPointer) -> Int {
        guard let maps = fopen("/proc/self/maps", "re") else { return -1 }
        defer { fclose(maps) }
        let start = UInt(bitPattern: base)
        let end = start + UInt(Self.pages * Self.pageSize)
        var line = [CChar](repeating: 0, count: 512)
        var count = 0
        while fgets(&line, Int32(line.count), maps) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let bounds = text.prefix { $0 != " " }.split(separator: "-").compactMap { UInt($0, radix: 16) }
            if bounds.count == 2, bounds[0] >= start, bounds[1] <= end { count += 1 }
        }
        return count
    }

    @Test("the pages not used while observed leave; the used one stays; each later fault maps one page")
    func trimKeepsUsedPages() throws {
        try withMappedFile { base in
            #expect(present(base).count == Self.pages)
            let keep = 5
            // Another thread uses page `keep` while the trim observes.
            let toucher = Toucher(address: UInt(bitPattern: base) + UInt(keep * Self.pageSize))
            try #require(toucher.start())
            defer { toucher.stop() }
            var reported: (released: Int, resident: Int?)?
            var duringSplit: (pages: Set<Int>, mappings: Int) = ([], 0)
            try ProcessMemory.trimToWorkingSet(observation: .milliseconds(400), within: whole(base)) {
                released, resident in
                reported = (released, resident)
                duringSplit.mappings = mappingCount(base)
                touch(base, page: 40)
                duringSplit.pages = present(base)
            }
            // While split: page `keep` stayed, the unused pages left, and touching page 40 mapped only page 40.
            #expect(duringSplit.pages == [keep, 40])
            #expect(duringSplit.mappings == Self.pages)
            #expect((reported?.released ?? 0) >= (Self.pages - 1) * Self.pageSize / 1024)
            #expect((reported?.resident ?? 0) > 0)
            // Joined again: one mapping, and the pages in use are still mapped.
            #expect(mappingCount(base) == 1)
            #expect(present(base).isSuperset(of: [keep, 40]))
        }
    }

    @Test("releasing first: every page leaves at the start and only what is used faults back")
    func releasingFirst() throws {
        try withMappedFile { base in
            var duringSplit = Set<Int>()
            try ProcessMemory.trimToWorkingSet(
                observation: .milliseconds(50), releasingFirst: true, within: whole(base)
            ) { _, _ in
                touch(base, page: 17)
                duringSplit = present(base)
            }
            #expect(duringSplit == [17])
            #expect(mappingCount(base) == 1)
        }
    }

    @Test("the resident file kilobytes are read from statm")
    func residentFile() throws {
        let kilobytes = try #require(ProcessMemory.residentFileKilobytes())
        #expect(kilobytes > 0)
    }
}

/// A thread that reads one byte every 10 ms until stopped.
private final class Toucher: Sendable {
    private let address: UInt
    private let done = Atomic(false)
    private let finished = Atomic(false)

    init(address: UInt) { self.address = address }

    /// Starts the thread; false when none could be created.
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<Toucher>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Toucher>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    private func run() {
        let pointer = UnsafeRawPointer(bitPattern: address)!
        while !done.load(ordering: .acquiring) {
            let byte = pointer.load(as: UInt8.self)
            withExtendedLifetime(byte) {}
            usleep(10_000)
        }
        finished.store(true, ordering: .releasing)
    }

    /// Stops the thread and waits (at most 2 s) until it reads no more.
    func stop() {
        done.store(true, ordering: .releasing)
        for _ in 0..<200 where !finished.load(ordering: .acquiring) { usleep(10_000) }
    }
}
