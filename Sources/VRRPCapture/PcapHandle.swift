import CPcap
import VRRPWire

/// libpcap's error buffer size (`PCAP_ERRBUF_SIZE`).
let errorBufferSize = 256

/// Calls `body` with a zeroed libpcap error buffer and returns its result with the buffer's text.
func withErrorBuffer<Result>(_ body: (UnsafeMutablePointer<CChar>) -> Result) -> (Result, String) {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: errorBufferSize) { buffer in
        let base = buffer.baseAddress!
        base.initialize(repeating: 0, count: errorBufferSize)
        let result = body(base)
        return (result, String(cString: base))
    }
}

/// libpcap's last error on a handle.
func lastError(_ handle: OpaquePointer) -> String {
    String(cString: pcap_geterr(handle))
}

/// The link type a handle reports, with `DLT_RAW` folded into ``LinkType/raw``.
func linkType(of handle: OpaquePointer) -> LinkType {
    let value = LinkType(rawValue: UInt32(truncatingIfNeeded: pcap_datalink(handle)))
    return value == .rawDLT ? .raw : value
}

/// The outcome of one `pcap_next_ex` call.
enum NextResult {
    case frame(CapturedFrame)
    case timeout
    case end
}

/// Reads the next record from a handle opened with nanosecond timestamp precision.
func readNext(_ handle: OpaquePointer, linkType: LinkType, target: String) throws(CaptureError) -> NextResult {
    var header: UnsafeMutablePointer<pcap_pkthdr>? = nil
    var data: UnsafePointer<UInt8>? = nil
    let status = pcap_next_ex(handle, &header, &data)
    switch status {
    case 1:
        guard let header, let data else { throw CaptureError(.read, target: target, message: "libpcap gave no data") }
        let record = header.pointee
        let bytes = Array(UnsafeBufferPointer(start: data, count: Int(record.caplen)))
        let timestamp = CaptureTimestamp(
            seconds: Int64(record.ts.tv_sec), nanoseconds: Int64(record.ts.tv_usec))
        return .frame(
            CapturedFrame(timestamp: timestamp, linkType: linkType, bytes: bytes, originalLength: Int(record.len)))
    case 0:
        return .timeout
    case PCAP_ERROR_BREAK:
        return .end
    default:
        throw CaptureError(.read, target: target, message: lastError(handle))
    }
}
