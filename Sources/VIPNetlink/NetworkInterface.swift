public import VRRPWire

/// A network interface as rtnetlink reports it (RTM_NEWLINK).
public struct NetworkInterface: Hashable, Sendable {
    /// The interface index.
    public var index: Int32
    /// The interface name.
    public var name: String
    /// The hardware address, when the link has an Ethernet-sized one.
    public var hardwareAddress: MACAddress?
    /// The MTU in octets.
    public var mtu: UInt32
    /// Administratively up (IFF_UP).
    public var isUp: Bool
    /// The lower layer reports carrier (IFF_LOWER_UP).
    public var hasCarrier: Bool
    /// RFC 2863 operational state (IFLA_OPERSTATE).
    public var operationalState: OperationalState
    /// The link kind (IFLA_INFO_KIND), e.g. `veth`, `bridge`, `macvlan`; nil for physical devices.
    public var kind: String?
    /// The parent interface index (IFLA_LINK), e.g. a macvlan's lower device.
    public var parentIndex: Int32?
    /// The macvlan mode, for a macvlan.
    public var macvlanMode: MacvlanMode?

    /// An interface from its fields.
    public init(
        index: Int32,
        name: String,
        hardwareAddress: MACAddress?,
        mtu: UInt32,
        isUp: Bool,
        hasCarrier: Bool,
        operationalState: OperationalState,
        kind: String? = nil,
        parentIndex: Int32? = nil,
        macvlanMode: MacvlanMode? = nil
    ) {
        self.index = index
        self.name = name
        self.hardwareAddress = hardwareAddress
        self.mtu = mtu
        self.isUp = isUp
        self.hasCarrier = hasCarrier
        self.operationalState = operationalState
        self.kind = kind
        self.parentIndex = parentIndex
        self.macvlanMode = macvlanMode
    }

    /// Whether VRRP can run on it: administratively up with carrier.
    public var isUsable: Bool { isUp && hasCarrier }

    /// RFC 2863 ifOperStatus as Linux reports it (IF_OPER_*).
    public struct OperationalState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The IF_OPER_* value.
        public var rawValue: UInt8
        /// A state from its value.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 0, unknown (many virtual devices).
        public static let unknown = OperationalState(rawValue: 0)
        /// 2, down.
        public static let down = OperationalState(rawValue: 2)
        /// 3, lower layer down.
        public static let lowerLayerDown = OperationalState(rawValue: 3)
        /// 5, dormant.
        public static let dormant = OperationalState(rawValue: 5)
        /// 6, up.
        public static let up = OperationalState(rawValue: 6)
        /// `up`, `down`, … or the number.
        public var description: String {
            switch rawValue {
            case 0: "unknown"
            case 1: "notpresent"
            case 2: "down"
            case 3: "lowerlayerdown"
            case 4: "testing"
            case 5: "dormant"
            case 6: "up"
            default: "operstate \(rawValue)"
            }
        }
    }
}
