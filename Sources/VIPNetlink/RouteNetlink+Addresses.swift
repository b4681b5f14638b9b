import Glibc
public import VRRPWire

extension RouteNetlink {
    /// The addresses in the namespace, optionally of one interface and one family.
    public func addresses(
        interfaceIndex: Int32? = nil, family: AddressFamily? = nil
    ) throws(NetlinkError)
        -> [InterfaceAddress]
    {
        var message = NetlinkMessage(type: RTNL.getAddress, flags: RTNL.request | RTNL.dump)
        Self.appendAddressInfo(&message, family: family, prefixLength: 0, flags: 0, scope: .universe, index: 0)
        return try request(message, operation: "list addresses", interface: nil)
            .compactMap { Self.parseAddress($0) }
            .filter { address in
                (interfaceIndex == nil || address.interfaceIndex == interfaceIndex)
                    && (family == nil || address.address.family == family)
            }
    }

    /// The addresses of the named interface.
    public func addresses(of name: String, family: AddressFamily? = nil) throws(NetlinkError) -> [InterfaceAddress] {
        try addresses(interfaceIndex: try interface(named: name).index, family: family)
    }

    /// The primary IPv4 address of an interface (the first without IFA_F_SECONDARY), what keepalived sends
    /// adverts from; nil when it has none.
    public func primaryIPv4Address(of name: String) throws(NetlinkError) -> IPv4Address? {
        for entry in try addresses(of: name, family: .ipv4) where !entry.isSecondary {
            if case .ipv4(let address) = entry.address { return address }
        }
        return nil
    }

    /// The first non-tentative link-local IPv6 address of an interface, the source of VRRPv3 IPv6 adverts
    /// (RFC 5798 §5.1.2.1); nil when it has none.
    public func linkLocalIPv6Address(of name: String) throws(NetlinkError) -> IPv6Address? {
        for entry in try addresses(of: name, family: .ipv6) where !entry.isTentative {
            if case .ipv6(let address) = entry.address, address.isLinkLocal { return address }
        }
        return nil
    }

    /// Adds an address to the named interface; adding one that is already there succeeds.
    ///
    /// - Parameters:
    ///   - noDAD: for IPv6, skip duplicate address detection (IFA_F_NODAD), as a VRRP master must (the VIP
    ///     is expected to move between routers).
    /// - Returns: false when the address was already there.
    /// - Throws: ``NetlinkError``: an invalid prefix length or label before anything is sent; the kernel's
    ///   errno otherwise (`needs CAP_NET_ADMIN`, `no interface named …`).
    @discardableResult
    public func addAddress(
        _ address: IPAddress,
        prefixLength: UInt8,
        to name: String,
        label: String? = nil,
        scope: AddressScope = .universe,
        broadcast: IPv4Address? = nil,
        noDAD: Bool = true
    ) throws(NetlinkError) -> Bool {
        let operation = "add address \(address)/\(prefixLength)"
        try Self.validate(
            address, prefixLength: prefixLength, label: label, broadcast: broadcast, interface: name,
            operation: operation)
        let link = try interface(named: name)
        let flags: UInt32 = address.family == .ipv6 && noDAD ? RTNL.ifaFNoDAD : 0
        var message = NetlinkMessage(
            type: RTNL.newAddress, flags: RTNL.request | RTNL.ack | RTNL.create | RTNL.exclusive)
        Self.appendAddressInfo(
            &message, family: address.family, prefixLength: prefixLength, flags: UInt8(flags), scope: scope,
            index: link.index)
        message.appendAttribute(RTNL.ifaLocal, address.octets)
        message.appendAttribute(RTNL.ifaAddress, address.octets)
        if let broadcast { message.appendAttribute(RTNL.ifaBroadcast, broadcast.octets) }
        if let label { message.appendAttribute(RTNL.ifaLabel, string: label) }
        if flags != 0 { message.appendAttribute(RTNL.ifaFlags, uint32: flags) }
        do {
            _ = try request(message, operation: operation, interface: name)
            return true
        } catch  where error.errno == EEXIST {
            return false
        }
    }

    /// Deletes an address from the named interface; deleting one that is gone succeeds.
    /// - Returns: false when the address was not there.
    @discardableResult
    public func deleteAddress(
        _ address: IPAddress, prefixLength: UInt8, from name: String
    ) throws(NetlinkError)
        -> Bool
    {
        let operation = "delete address \(address)/\(prefixLength)"
        try Self.validate(
            address, prefixLength: prefixLength, label: nil, broadcast: nil, interface: name,
            operation: operation)
        let link = try interface(named: name)
        var message = NetlinkMessage(type: RTNL.deleteAddress, flags: RTNL.request | RTNL.ack)
        Self.appendAddressInfo(
            &message, family: address.family, prefixLength: prefixLength, flags: 0, scope: .universe,
            index: link.index)
        // IPv4 matches on IFA_LOCAL alone (any prefix length); IPv6 needs the prefix length to match.
        message.appendAttribute(RTNL.ifaLocal, address.octets)
        if address.family == .ipv6 { message.appendAttribute(RTNL.ifaAddress, address.octets) }
        do {
            _ = try request(message, operation: operation, interface: name)
            return true
        } catch  where error.errno == EADDRNOTAVAIL {
            return false
        }
    }

    /// Checks the request before sending: prefix length within the family, a broadcast only on IPv4, and a
    /// label only on IPv4 that is the interface name or starts with it (`eth0:vip`) and fits IFNAMSIZ. The
    /// kernel itself (6.18 here) stores any label, but `ip`, `ifconfig` and keepalived expect the interface
    /// name as its prefix, so a label without it is refused here rather than left for them to trip over.
    static func validate(
        _ address: IPAddress,
        prefixLength: UInt8,
        label: String?,
        broadcast: IPv4Address?,
        interface: String,
        operation: String
    ) throws(NetlinkError) {
        try validateName(interface, operation: operation)
        let maximum = address.family == .ipv4 ? 32 : 128
        guard Int(prefixLength) <= maximum else {
            throw NetlinkError(
                operation: operation, interface: interface, errno: 0,
                cause: "prefix length \(prefixLength) exceeds \(maximum) for \(address.family)")
        }
        if let label {
            guard address.family == .ipv4 else {
                throw NetlinkError(
                    operation: operation, interface: interface, errno: 0, cause: "labels exist only for IPv4 addresses")
            }
            guard label.hasPrefix(interface) else {
                throw NetlinkError(
                    operation: operation, interface: interface, errno: 0,
                    cause: "label \"\(label)\" must start with the interface name \"\(interface)\"")
            }
            guard label.utf8.count < 16 else {
                throw NetlinkError(
                    operation: operation, interface: interface, errno: 0,
                    cause: "label \"\(label)\" is longer than 15 octets")
            }
        }
        if broadcast != nil, address.family != .ipv4 {
            throw NetlinkError(
                operation: operation, interface: interface, errno: 0, cause: "a broadcast address is IPv4 only")
        }
    }

    /// Appends a struct ifaddrmsg (8 octets).
    static func appendAddressInfo(
        _ message: inout NetlinkMessage,
        family: AddressFamily?,
        prefixLength: UInt8,
        flags: UInt8,
        scope: AddressScope,
        index: Int32
    ) {
        let domain: UInt8
        switch family {
        case .ipv4: domain = UInt8(AF_INET)
        case .ipv6: domain = UInt8(AF_INET6)
        case nil: domain = 0
        }
        message.append(domain)
        message.append(prefixLength)
        message.append(flags)
        message.append(scope.rawValue)
        message.append(UInt32(bitPattern: index))
    }

    /// Parses an RTM_NEWADDR / RTM_DELADDR payload.
    static func parseAddress(_ reply: ReceivedNetlinkMessage) -> InterfaceAddress? {
        guard reply.type == RTNL.newAddress || reply.type == RTNL.deleteAddress, reply.payload.count >= 8 else {
            return nil
        }
        let payload = reply.payload
        let base = payload.startIndex
        let domain = Int32(payload[base])
        let attributes = NetlinkAttributes(payload.dropFirst(8))
        let address: IPAddress
        switch domain {
        case AF_INET:
            guard let bytes = attributes[RTNL.ifaLocal] ?? attributes[RTNL.ifaAddress], bytes.count == 4 else {
                return nil
            }
            let b = bytes.startIndex
            address = .ipv4(IPv4Address(bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3]))
        case AF_INET6:
            guard let bytes = attributes[RTNL.ifaAddress] ?? attributes[RTNL.ifaLocal], bytes.count == 16 else {
                return nil
            }
            address = .ipv6(IPv6Address(octets: bytes))
        default:
            return nil
        }
        var broadcast: IPv4Address? = nil
        if let bytes = attributes[RTNL.ifaBroadcast], bytes.count == 4 {
            let b = bytes.startIndex
            broadcast = IPv4Address(bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3])
        }
        return InterfaceAddress(
            interfaceIndex: Int32(bitPattern: payload.hostUInt32(at: 4)), address: address,
            prefixLength: payload[base + 1], label: attributes.string(RTNL.ifaLabel),
            scope: AddressScope(rawValue: payload[base + 3]), broadcast: broadcast,
            flags: attributes.uint32(RTNL.ifaFlags) ?? UInt32(payload[base + 2]))
    }
}

extension IPAddress {
    /// The address in network order: 4 or 16 octets.
    var octets: [UInt8] {
        switch self {
        case .ipv4(let address): address.octets
        case .ipv6(let address): address.octets
        }
    }
}
