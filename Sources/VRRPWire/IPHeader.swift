/// An IPv4 or IPv6 header.
public enum IPHeader: Hashable, Sendable {
    /// An IPv4 header.
    case ipv4(IPv4Header)
    /// An IPv6 fixed header.
    case ipv6(IPv6Header)

    /// The source and destination addresses.
    @inlinable
    public var endpoints: IPEndpoints {
        switch self {
        case .ipv4(let header): header.endpoints
        case .ipv6(let header): header.endpoints
        }
    }

    /// The IPv4 Time to Live or the IPv6 Hop Limit.
    @inlinable
    public var hopLimit: UInt8 {
        switch self {
        case .ipv4(let header): header.timeToLive
        case .ipv6(let header): header.hopLimit
        }
    }
}
