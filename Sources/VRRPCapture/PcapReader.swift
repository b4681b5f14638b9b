import CPcap
public import VRRPWire

/// Reads a pcap or pcapng file, frame by frame, with nanosecond timestamps.
///
/// ```swift
/// let reader = try PcapReader(path: "capture.pcapng")
/// while let frame = try reader.next() { print(frame.timestamp, frame.decoded.packet) }
/// ```
public final class PcapReader {
    /// The file's path.
    public let path: String
    /// The link type of the file's frames (for pcapng, of its first interface).
    public let linkType: LinkType
    private let handle: OpaquePointer

    /// Opens a file for reading.
    ///
    /// - Throws: ``CaptureError/Code/openFile`` naming the path and libpcap's reason (missing file, permission,
    ///   unknown file format).
    public init(path: String) throws(CaptureError) {
        let (opened, message) = withErrorBuffer { buffer in
            pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), buffer)
        }
        guard let opened else { throw CaptureError(.openFile, target: path, message: message) }
        self.path = path
        self.handle = opened
        self.linkType = VRRPCapture.linkType(of: opened)
    }

    deinit { pcap_close(handle) }

    /// The next frame, or nil at the end of the file.
    ///
    /// - Throws: ``CaptureError/Code/read`` for a truncated or corrupt record.
    public func next() throws(CaptureError) -> CapturedFrame? {
        switch try readNext(handle, linkType: linkType, target: path) {
        case .frame(let frame): return frame
        case .timeout, .end: return nil
        }
    }

    /// Every remaining frame.
    public func readAll() throws(CaptureError) -> [CapturedFrame] {
        var frames: [CapturedFrame] = []
        while let frame = try next() { frames.append(frame) }
        return frames
    }

    /// Every frame of a file.
    public static func readAll(path: String) throws(CaptureError) -> [CapturedFrame] {
        try PcapReader(path: path).readAll()
    }
}
