import CPcap
public import VRRPWire

/// Writes a pcap file with nanosecond timestamps (magic 0xa1b23c4d), one link type for all frames.
public final class PcapWriter {
    /// The file's path.
    public let path: String
    /// The link type written in the file header.
    public let linkType: LinkType
    /// The snapshot length written in the file header.
    public let snapshotLength: Int
    private let handle: OpaquePointer
    private var dumper: OpaquePointer?

    /// Creates (or truncates) a file.
    ///
    /// - Throws: ``CaptureError/Code/createFile`` naming the path and libpcap's reason.
    public init(path: String, linkType: LinkType = .ethernet, snapshotLength: Int = 262_144) throws(CaptureError) {
        let dlt = linkType == .raw ? LinkType.rawDLT.rawValue : linkType.rawValue
        guard
            let handle = pcap_open_dead_with_tstamp_precision(
                Int32(truncatingIfNeeded: dlt), Int32(truncatingIfNeeded: snapshotLength),
                UInt32(PCAP_TSTAMP_PRECISION_NANO))
        else {
            throw CaptureError(.createFile, target: path, message: "libpcap cannot write link type \(linkType)")
        }
        guard let dumper = pcap_dump_open(handle, path) else {
            let message = lastError(handle)
            pcap_close(handle)
            throw CaptureError(.createFile, target: path, message: message)
        }
        self.path = path
        self.linkType = linkType
        self.snapshotLength = snapshotLength
        self.handle = handle
        self.dumper = dumper
    }

    deinit {
        if let dumper { pcap_dump_close(dumper) }
        pcap_close(handle)
    }

    /// Appends a frame captured at `timestamp`; bytes beyond the snapshot length are cut, the original length
    /// kept.
    ///
    /// - Throws: ``CaptureError/Code/write`` after ``close()``.
    public func write(_ bytes: [UInt8], timestamp: CaptureTimestamp, originalLength: Int? = nil) throws(CaptureError) {
        guard let dumper else { throw CaptureError(.write, target: path, message: "the writer is closed") }
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(timestamp.seconds)
        header.ts.tv_usec = Int(timestamp.nanosecondsOfSecond)
        header.caplen = UInt32(min(bytes.count, snapshotLength))
        header.len = UInt32(truncatingIfNeeded: originalLength ?? bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, buffer.baseAddress)
        }
    }

    /// Appends a captured frame (its link type must be the file's).
    public func write(_ frame: CapturedFrame) throws(CaptureError) {
        guard frame.linkType == linkType else {
            throw CaptureError(
                .write, target: path, message: "frame of link type \(frame.linkType) in a \(linkType) file")
        }
        try write(frame.bytes, timestamp: frame.timestamp, originalLength: frame.originalLength)
    }

    /// Flushes buffered records to the file.
    ///
    /// - Throws: ``CaptureError/Code/write`` when the flush fails (e.g. the disk is full).
    public func flush() throws(CaptureError) {
        guard let dumper else { return }
        guard pcap_dump_flush(dumper) == 0 else {
            throw CaptureError(.write, target: path, message: "flushing the file failed")
        }
    }

    /// Flushes and closes the file; later writes throw.
    public func close() throws(CaptureError) {
        guard let dumper else { return }
        defer {
            pcap_dump_close(dumper)
            self.dumper = nil
        }
        try flush()
    }
}
