import CPcap
import Glibc
public import VRRPWire

/// A live capture on one interface with a BPF filter, nanosecond timestamps and immediate delivery.
///
/// Reads wait at most ``readTimeout`` each, so a caller's loop stays bounded in time:
/// ```swift
/// let capture = try LiveCapture(interface: "eth0", filter: LiveCapture.vrrpFilter)
/// while clock.now < deadline { if let frame = try capture.next() { … } }
/// ```
public final class LiveCapture {
    /// The interface captured on.
    public let interface: String
    /// The link type of the interface's frames.
    public let linkType: LinkType
    /// How long one ``next()`` waits for a frame.
    public let readTimeout: Duration
    private let handle: OpaquePointer
    private let descriptor: Int32

    /// The filter for VRRP, AH, ARP and ICMPv6 Neighbor Advertisements.
    public static let vrrpFilter =
        "ip proto 112 or ip6 proto 112 or ip proto 51 or arp or (icmp6 and ip6[40] == 136)"

    /// Opens and activates a capture.
    ///
    /// - Parameters:
    ///   - interface: the interface name.
    ///   - filter: a BPF filter in pcap-filter(7) syntax; empty captures everything.
    ///   - snapshotLength: the most octets kept per frame.
    ///   - promiscuous: whether to put the interface in promiscuous mode.
    ///   - readTimeout: how long one ``next()`` waits, at least 1 ms.
    /// - Throws: ``CaptureError/Code/openInterface`` naming the interface and libpcap's reason (no such device,
    ///   needs CAP_NET_RAW), ``CaptureError/Code/filter`` when the filter does not compile or install.
    public init(
        interface: String,
        filter: String = "",
        snapshotLength: Int = 65_535,
        promiscuous: Bool = false,
        readTimeout: Duration = .milliseconds(100)
    ) throws(CaptureError) {
        let (created, message) = withErrorBuffer { buffer in pcap_create(interface, buffer) }
        guard let handle = created else { throw CaptureError(.openInterface, target: interface, message: message) }
        let milliseconds = max(
            1,
            Int32(
                clamping: readTimeout.components.seconds * 1000
                    + readTimeout.components.attoseconds / 1_000_000_000_000_000))
        pcap_set_snaplen(handle, Int32(clamping: snapshotLength))
        pcap_set_promisc(handle, promiscuous ? 1 : 0)
        pcap_set_timeout(handle, milliseconds)
        pcap_set_immediate_mode(handle, 1)
        pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO)
        let status = pcap_activate(handle)
        if status < 0 {
            var reason = String(cString: pcap_statustostr(status))
            let detail = lastError(handle)
            if !detail.isEmpty { reason += ": " + detail }
            if status == PCAP_ERROR_PERM_DENIED { reason += " (needs CAP_NET_RAW)" }
            pcap_close(handle)
            throw CaptureError(.openInterface, target: interface, message: reason)
        }
        if !filter.isEmpty {
            var program = bpf_program()
            guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                let reason = lastError(handle)
                pcap_close(handle)
                throw CaptureError(.filter, target: interface, message: "'\(filter)': \(reason)")
            }
            defer { pcap_freecode(&program) }
            guard pcap_setfilter(handle, &program) == 0 else {
                let reason = lastError(handle)
                pcap_close(handle)
                throw CaptureError(.filter, target: interface, message: "'\(filter)': \(reason)")
            }
        }
        // Non-blocking reads plus our own poll(2): libpcap's TPACKET_V3 reader may keep waiting past the timeout.
        let selectable = pcap_get_selectable_fd(handle)
        let nonblocking = withErrorBuffer { buffer in pcap_setnonblock(handle, 1, buffer) }
        guard selectable >= 0, nonblocking.0 == 0 else {
            pcap_close(handle)
            throw CaptureError(.openInterface, target: interface, message: "cannot poll the capture: \(nonblocking.1)")
        }
        self.descriptor = selectable
        self.interface = interface
        self.handle = handle
        self.readTimeout = .milliseconds(milliseconds)
        self.linkType = VRRPCapture.linkType(of: handle)
    }

    deinit { pcap_close(handle) }

    /// Sends a whole link-layer frame out of the interface (`pcap_inject`), e.g. a frame built by
    /// ``FrameBuilder``.
    ///
    /// - Throws: ``CaptureError/Code/write`` with libpcap's reason (interface down, no permission).
    public func inject(_ frame: [UInt8]) throws(CaptureError) {
        let sent = frame.withUnsafeBytes { pcap_inject(handle, $0.baseAddress, $0.count) }
        guard sent == frame.count else {
            let reason = sent < 0 ? lastError(handle) : "sent \(sent) of \(frame.count) octets"
            throw CaptureError(.write, target: interface, message: reason)
        }
    }

    /// The next frame, or nil when none arrived within ``readTimeout``.
    ///
    /// - Throws: ``CaptureError/Code/read`` when the capture fails (e.g. the interface went away).
    public func next() throws(CaptureError) -> CapturedFrame? {
        if case .frame(let frame) = try readNext(handle, linkType: linkType, target: interface) { return frame }
        let (seconds, attoseconds) = readTimeout.components
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        guard ready > 0 else {
            if ready < 0, errno != EINTR { throw CaptureError(.read, target: interface, message: systemError("poll")) }
            return nil
        }
        if case .frame(let frame) = try readNext(handle, linkType: linkType, target: interface) { return frame }
        return nil
    }
}
