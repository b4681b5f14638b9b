public import VRRPWire

/// One captured frame: its bytes, when it was captured, and the link type they start with.
public struct CapturedFrame: Hashable, Sendable {
    /// The capture time.
    public var timestamp: CaptureTimestamp
    /// The link type of ``bytes``.
    public var linkType: LinkType
    /// The captured octets (at most the snapshot length).
    public var bytes: [UInt8]
    /// The frame's length on the wire, which exceeds `bytes.count` when the snapshot cut it.
    public var originalLength: Int

    /// A frame from its parts; `originalLength` defaults to the captured length.
    public init(timestamp: CaptureTimestamp, linkType: LinkType, bytes: [UInt8], originalLength: Int? = nil) {
        self.timestamp = timestamp
        self.linkType = linkType
        self.bytes = bytes
        self.originalLength = originalLength ?? bytes.count
    }

    /// The frame decoded by a ``FrameDecoder`` for its link type.
    public var decoded: Frame { FrameDecoder(linkType: linkType).decode(bytes) }
}
