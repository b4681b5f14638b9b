import Glibc
import Synchronization
import VRRPRuntime
import VRRPSocket
import VRRPWire

/// An interface control that keeps VMACs and addresses per device in memory, and refuses VMACs on `refusedParents`.
final class VirtualMACFakeControl: InterfaceControl, @unchecked Sendable {
    struct State {
        var addresses: [String: Set<IPAddress>] = [:]
        var vmacs: [String: VirtualMACInterface] = [:]
        /// Every set-up and tear-down, in order: `up vrrp.51`, `down vrrp.51`, and address changes `+vrrp.51 ADDR`.
        var journal: [String] = []
        /// Interfaces that exist and are not macvlans.
        var others: Set<String> = ["eth0", "lo"]
    }

    let descriptor: Int32 = -1
    let state = Mutex(State())
    let refusedParents: Set<String>
    let primary: [AddressFamily: IPAddress]

    init(primary: [AddressFamily: IPAddress], refusedParents: Set<String> = []) {
        self.primary = primary
        self.refusedParents = refusedParents
    }

    func add(_ address: ConfiguredAddress, on interface: String) throws {
        state.withLock {
            $0.addresses[interface, default: []].insert(address.address)
            $0.journal.append("+\(interface) \(address.address)")
        }
    }

    func remove(_ address: ConfiguredAddress, on interface: String) throws {
        state.withLock {
            $0.addresses[interface]?.remove(address.address)
            $0.journal.append("-\(interface) \(address.address)")
        }
    }

    func receiveEvents() throws -> [InterfaceEvent] { [] }

    func linkIsUp(_ interface: String) throws -> Bool? {
        state.withLock { $0.others.contains(interface) || $0.vmacs[interface] != nil ? true : nil }
    }

    func primaryAddress(of interface: String, family: AddressFamily) throws -> IPAddress? { primary[family] }

    func addresses(of interface: String) throws -> [IPAddress] {
        Array(state.withLock { $0.addresses[interface] ?? [] })
    }

    func inspectVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Existing {
        state.withLock {
            if let existing = $0.vmacs[vmac.name] { return existing == vmac ? .matching : .otherMacvlan }
            return $0.others.contains(vmac.name) ? .otherInterface : .absent
        }
    }

    func setUpVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Outcome {
        if refusedParents.contains(vmac.parent) {
            throw RuntimeError(operation: "create VMAC \(vmac.name)", errno: EINVAL, cause: "Invalid argument")
        }
        return state.withLock {
            let outcome: VirtualMACInterface.Outcome = $0.vmacs[vmac.name] == vmac ? .reused : .created
            $0.vmacs[vmac.name] = vmac
            $0.journal.append("up \(vmac.name)")
            return outcome
        }
    }

    func tearDownVirtualMAC(_ vmac: VirtualMACInterface) throws {
        state.withLock {
            $0.vmacs[vmac.name] = nil
            $0.journal.append("down \(vmac.name)")
        }
    }
}

/// An environment whose transports go on an in-memory segment and that records where each was opened.
final class VirtualMACFakeEnvironment: NodeEnvironment, @unchecked Sendable {
    let host: String
    let segment: InMemorySegment
    let control: VirtualMACFakeControl
    /// `interface` or `interface>announcements` for each transport made.
    let transports = Mutex<[String]>([])

    init(host: String, segment: InMemorySegment, control: VirtualMACFakeControl) {
        self.host = host
        self.segment = segment
        self.control = control
    }

    func makeTransport(
        interface: String, family: AddressFamily, unicastSource: IPAddress?, unicastPeers: [IPAddress]
    ) throws -> any VRRPTransport {
        transports.withLock { $0.append(interface) }
        return FakeTransport(host: host, segment: segment)
    }

    func makeTransport(
        interface: String, family: AddressFamily, unicastSource: IPAddress?, unicastPeers: [IPAddress],
        announcementInterface: String
    ) throws -> any VRRPTransport {
        transports.withLock { $0.append("\(interface)>\(announcementInterface)") }
        return FakeTransport(host: host, segment: segment)
    }

    func makeInterfaceControl() throws -> any InterfaceControl { control }
}
