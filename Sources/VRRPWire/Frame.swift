/// A decoded captured frame: its link type, link-layer header and packet.
public struct Frame: Hashable, Sendable {
    /// The link type the frame was captured with.
    public var linkType: LinkType
    /// The link-layer header, nil when even that failed to decode or the link type is unsupported.
    public var link: LinkHeader?
    /// The packet.
    public var packet: FramePacket

    /// A frame from its parts.
    public init(linkType: LinkType, link: LinkHeader?, packet: FramePacket) {
        self.linkType = linkType
        self.link = link
        self.packet = packet
    }

    /// The advertisement, when the frame holds one that decoded.
    public var advertisement: ReceivedAdvertisement? {
        if case .advertisement(let received) = packet { return received }
        return nil
    }

    /// The decode error, when the frame is malformed.
    public var error: FrameError? {
        if case .malformed(let error) = packet { return error }
        return nil
    }
}
