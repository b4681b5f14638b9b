import Glibc
public import VRRPWire

extension RouteNetlink {
    /// Every interface in the namespace.
    public func interfaces() throws(NetlinkError) -> [NetworkInterface] {
        var message = NetlinkMessage(type: RTNL.getLink, flags: RTNL.request | RTNL.dump)
        Self.appendInterfaceInfo(&message, index: 0)
        return try request(message, operation: "list interfaces", interface: nil)
            .compactMap { Self.parseLink($0) }
    }

    /// The interface with this name.
    /// - Throws: ``NetlinkError`` with cause `no interface named …` when there is none.
    public func interface(named name: String) throws(NetlinkError) -> NetworkInterface {
        try Self.validateName(name, operation: "look up interface")
        var message = NetlinkMessage(type: RTNL.getLink, flags: RTNL.request)
        Self.appendInterfaceInfo(&message, index: 0)
        message.appendAttribute(RTNL.iflaIfname, string: name)
        guard
            let link = try request(message, operation: "look up interface", interface: name)
                .compactMap({ Self.parseLink($0) }).first
        else { throw NetlinkError("look up interface", interface: name, errno: ENODEV) }
        return link
    }

    /// The interface with this index.
    public func interface(index: Int32) throws(NetlinkError) -> NetworkInterface {
        var message = NetlinkMessage(type: RTNL.getLink, flags: RTNL.request)
        Self.appendInterfaceInfo(&message, index: index)
        guard
            let link = try request(message, operation: "look up interface", interface: "#\(index)")
                .compactMap({ Self.parseLink($0) }).first
        else { throw NetlinkError("look up interface", interface: "#\(index)", errno: ENODEV) }
        return link
    }

    /// Sets an interface administratively up or down.
    public func setLink(_ name: String, up: Bool) throws(NetlinkError) {
        let link = try interface(named: name)
        var message = NetlinkMessage(type: RTNL.newLink, flags: RTNL.request | RTNL.ack)
        Self.appendInterfaceInfo(&message, index: link.index, flags: up ? RTNL.iffUp : 0, change: RTNL.iffUp)
        _ = try request(message, operation: up ? "set link up" : "set link down", interface: name)
    }

    /// Sets how the kernel makes the interface's IPv6 link-local address (IFLA_INET6_ADDR_GEN_MODE); it takes
    /// effect when the link next comes up.
    public func setIPv6AddressGeneration(_ name: String, _ mode: IPv6AddressGenerationMode) throws(NetlinkError) {
        let link = try interface(named: name)
        var message = NetlinkMessage(type: RTNL.newLink, flags: RTNL.request | RTNL.ack)
        Self.appendInterfaceInfo(&message, index: link.index)
        let spec = message.beginNested(RTNL.iflaAFSpec)
        let inet6 = message.beginNested(RTNL.afINET6)
        message.appendAttribute(RTNL.iflaInet6AddrGenMode, [mode.rawValue])
        message.endNested(inet6)
        message.endNested(spec)
        _ = try request(message, operation: "set IPv6 address generation \(mode)", interface: name)
    }

    /// Creates a macvlan for `use_vmac` on `parent` with the given MAC and mode, and sets it up.
    ///
    /// The name must be a valid interface name (keepalived uses `vrrp.{VRID}`); the MAC is normally
    /// ``MACAddress/virtualRouter(_:family:)``. The IPv6 link-local address generation is set before the link
    /// comes up (default `none`, as keepalived: every router's VMAC has the same MAC, so EUI-64 would give
    /// them all the same link-local address). Creating one that already exists with the same parent
    /// succeeds; its address generation is set again (effective at its next link up) and it is set up.
    @discardableResult
    public func createMacvlan(
        named name: String,
        on parent: String,
        hardwareAddress: MACAddress,
        mode: MacvlanMode = .private,
        ipv6AddressGeneration: IPv6AddressGenerationMode? = IPv6AddressGenerationMode.none
    ) throws(NetlinkError) -> NetworkInterface {
        try Self.validateName(name, operation: "create macvlan \(name)")
        let operation = "create macvlan \(name)"
        let lower = try interface(named: parent)
        do {
            try newLink(
                named: name, parentIndex: lower.index, hardwareAddress: hardwareAddress, kind: "macvlan",
                macvlanMode: mode, operation: operation, interface: parent)
        } catch  where error.errno == EEXIST {
            let existing = try interface(named: name)
            guard existing.parentIndex == lower.index, existing.kind == "macvlan" else { throw error }
        }
        if let ipv6AddressGeneration { try setIPv6AddressGeneration(name, ipv6AddressGeneration) }
        try setLink(name, up: true)
        return try interface(named: name)
    }

    /// Sends RTM_NEWLINK creating a link of `kind` on a parent (macvlan data when `macvlanMode` is given).
    package func newLink(
        named name: String,
        parentIndex: Int32,
        hardwareAddress: MACAddress?,
        kind: String,
        macvlanMode: MacvlanMode?,
        operation: String,
        interface parent: String
    ) throws(NetlinkError) {
        try Self.validateName(name, operation: operation)
        var message = NetlinkMessage(
            type: RTNL.newLink, flags: RTNL.request | RTNL.ack | RTNL.create | RTNL.exclusive)
        Self.appendInterfaceInfo(&message, index: 0)
        message.appendAttribute(RTNL.iflaLink, uint32: UInt32(bitPattern: parentIndex))
        message.appendAttribute(RTNL.iflaIfname, string: name)
        if let hardwareAddress { message.appendAttribute(RTNL.iflaAddress, hardwareAddress.octets) }
        let info = message.beginNested(RTNL.iflaLinkinfo)
        message.appendAttribute(RTNL.iflaInfoKind, string: kind)
        if let macvlanMode {
            let data = message.beginNested(RTNL.iflaInfoData)
            message.appendAttribute(RTNL.iflaMacvlanMode, uint32: macvlanMode.rawValue)
            message.endNested(data)
        }
        message.endNested(info)
        _ = try request(message, operation: operation, interface: parent)
    }
    /// Deletes an interface (a VMAC macvlan); deleting one that is gone succeeds and returns false.
    @discardableResult
    public func deleteLink(named name: String) throws(NetlinkError) -> Bool {
        let link: NetworkInterface
        do {
            link = try interface(named: name)
        } catch  where error.errno == ENODEV {
            return false
        }
        var message = NetlinkMessage(type: RTNL.deleteLink, flags: RTNL.request | RTNL.ack)
        Self.appendInterfaceInfo(&message, index: link.index)
        do {
            _ = try request(message, operation: "delete link", interface: name)
        } catch  where error.errno == ENODEV {
            return false
        }
        return true
    }

    /// Appends a struct ifinfomsg (16 octets).
    static func appendInterfaceInfo(
        _ message: inout NetlinkMessage, index: Int32, flags: UInt32 = 0, change: UInt32 = 0
    ) {
        message.append(UInt8(0))  // ifi_family AF_UNSPEC
        message.append(UInt8(0))
        message.append(UInt16(0))  // ifi_type
        message.append(index)
        message.append(flags)
        message.append(change)
    }

    /// Checks an interface name as the kernel would (dev_valid_name) before sending it.
    static func validateName(_ name: String, operation: String) throws(NetlinkError) {
        let bytes = Array(name.utf8)
        let valid =
            !bytes.isEmpty && bytes.count < 16 && name != "." && name != ".."
            && !bytes.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") || $0 <= 0x20 })
        guard valid else {
            throw NetlinkError(
                operation: operation, interface: name, errno: 0,
                cause: "\"\(name)\" is not a valid interface name (1–15 octets; no '/', ':' or whitespace)")
        }
    }

    /// Parses an RTM_NEWLINK / RTM_DELLINK payload.
    static func parseLink(_ reply: ReceivedNetlinkMessage) -> NetworkInterface? {
        guard reply.type == RTNL.newLink || reply.type == RTNL.deleteLink, reply.payload.count >= 16 else {
            return nil
        }
        let payload = reply.payload
        let index = Int32(bitPattern: payload.hostUInt32(at: 4))
        let flags = payload.hostUInt32(at: 8)
        let attributes = NetlinkAttributes(payload.dropFirst(16))
        var mac: MACAddress? = nil
        if let address = attributes[RTNL.iflaAddress], address.count == 6 { mac = MACAddress(octets: address) }
        var kind: String? = nil
        var mode: MacvlanMode? = nil
        if let info = attributes[RTNL.iflaLinkinfo] {
            let nested = NetlinkAttributes(info)
            kind = nested.string(RTNL.iflaInfoKind)
            if kind == "macvlan", let data = nested[RTNL.iflaInfoData] {
                mode = NetlinkAttributes(data).uint32(RTNL.iflaMacvlanMode).map(MacvlanMode.init(rawValue:))
            }
        }
        let parent = attributes.uint32(RTNL.iflaLink).map { Int32(bitPattern: $0) }
        return NetworkInterface(
            index: index, name: attributes.string(RTNL.iflaIfname) ?? "#\(index)", hardwareAddress: mac,
            mtu: attributes.uint32(RTNL.iflaMTU) ?? 0, isUp: flags & RTNL.iffUp != 0,
            hasCarrier: flags & RTNL.iffLowerUp != 0,
            operationalState: .init(rawValue: attributes[RTNL.iflaOperstate]?.first ?? 0), kind: kind,
            parentIndex: parent == index ? nil : parent, macvlanMode: mode)
    }
}
