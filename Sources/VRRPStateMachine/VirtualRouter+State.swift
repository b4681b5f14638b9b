public import VRRPWire

extension VirtualRouter {
    /// The protocol state (RFC 5798 §6.4, plus keepalived's Fault).
    public enum State: Hashable, Sendable, CustomStringConvertible {
        /// Not running: before startup and after shutdown.
        case initialize
        /// Listening for the master; takes over when the master-down timer expires.
        case backup
        /// Forwarding for the virtual addresses and advertising.
        case master
        /// Unable to serve (interface down, no usable address, a weight-0 tracked item failed, sync group).
        case fault

        /// `Initialize`, `Backup`, `Master` or `Fault`, as the RFC and keepalived name them.
        public var description: String {
            switch self {
            case .initialize: "Initialize"
            case .backup: "Backup"
            case .master: "Master"
            case .fault: "Fault"
            }
        }
    }

    /// Why the router is in Fault; several causes may hold at once.
    public enum FaultCause: Hashable, Sendable, CustomStringConvertible {
        /// The interface is down.
        case interfaceDown
        /// The interface has no usable primary address.
        case noUsableAddress
        /// A tracked item with weight 0 is failing.
        case trackedItem(String)
        /// Another member of the router's sync group is in Fault.
        case syncGroup
        /// keepalived's `unicast_fault_no_peer` without any unicast peer.
        case noUnicastPeers

        /// A short phrase.
        public var description: String {
            switch self {
            case .interfaceDown: "interface down"
            case .noUsableAddress: "no usable address"
            case .trackedItem(let name): "tracked \(name) failed"
            case .syncGroup: "sync group member in fault"
            case .noUnicastPeers: "unicast without any peer"
            }
        }
    }

    /// Why the state changed.
    public enum TransitionReason: Hashable, Sendable, CustomStringConvertible {
        /// Startup of a router that is not the address owner: Initialize → Backup (RFC 5798 §6.4.1).
        case startup
        /// The address owner (priority 255) takes over at once, at startup or when its fault clears.
        case addressOwner
        /// No advert from a master within Master_Down_Interval (or Skew_Time after a priority-0 advert).
        case masterDownTimerExpired
        /// An advert of higher priority, or of equal priority from a higher address (RFC 5798 §6.4.3).
        case preempted(priority: UInt8, by: IPAddress)
        /// A fault began.
        case fault(FaultCause)
        /// The last fault cleared.
        case faultCleared
        /// The sync group moved every member to this state.
        case syncGroup
        /// A reload made the change (e.g. priority raised to 255).
        case configurationChanged
        /// A Master's address was removed from the interface by someone else.
        case virtualAddressLost(IPAddress)
        /// A Master's virtual route or rule was deleted by someone else (the text names it).
        case virtualRouteLost(String)
        /// The router was shut down.
        case shutdown

        /// A short phrase.
        public var description: String {
            switch self {
            case .startup: "startup"
            case .addressOwner: "address owner"
            case .masterDownTimerExpired: "master down"
            case .preempted(let priority, let source): "preempted by p=\(priority) from \(source)"
            case .fault(let cause): "fault: \(cause)"
            case .faultCleared: "fault cleared"
            case .syncGroup: "sync group"
            case .configurationChanged: "configuration changed"
            case .virtualAddressLost(let address): "\(address) removed from the interface"
            case .virtualRouteLost(let item): "\(item) deleted"
            case .shutdown: "shutdown"
            }
        }
    }
}
