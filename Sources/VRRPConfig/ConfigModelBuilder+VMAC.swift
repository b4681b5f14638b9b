extension ConfigModelBuilder {
    /// `use_vmac [NAME] [MAC]`, as keepalived 2.2.7's `vrrp_vmac_handler` reads it: an argument with a ':' is the
    /// MAC address (five or six hexadecimal octets), any other the interface name (checked as the kernel's
    /// `dev_valid_name`). A bad argument is reported and ignored; `use_vmac` itself still applies.
    mutating func vmacSetting(_ node: ConfigNode) -> VMACSetting {
        var setting = VMACSetting()
        for argument in node.arguments {
            let text = argument.text
            if text.contains(":") {
                guard setting.hardwareAddressOctets == nil else {
                    diagnostics.warning(
                        .duplicate, "use_vmac: a MAC address is already given; '\(text)' is ignored",
                        at: argument.location)
                    continue
                }
                guard let octets = Self.macOctets(text) else {
                    diagnostics.warning(
                        .invalidValue,
                        "use_vmac: '\(text)' is not a MAC address (five or six hexadecimal octets); it is ignored",
                        at: argument.location)
                    continue
                }
                setting.hardwareAddressOctets = octets
            } else {
                guard setting.interfaceName == nil else {
                    diagnostics.warning(
                        .extraValues, "use_vmac: an interface name is already given; '\(text)' is ignored",
                        at: argument.location)
                    continue
                }
                guard Self.isValidInterfaceName(text) else {
                    diagnostics.warning(
                        .invalidValue,
                        "use_vmac: '\(text)' is not a valid interface name (1–15 octets; no '/', ':' or "
                            + "whitespace); it is ignored",
                        at: argument.location)
                    continue
                }
                setting.interfaceName = text
            }
        }
        return setting
    }

    /// `aa:bb:cc:dd:ee` or `aa:bb:cc:dd:ee:ff`, one or two hexadecimal digits an octet.
    static func macOctets(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 5 || parts.count == 6 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...2).contains(part.count), let octet = UInt8(part, radix: 16) else { return nil }
            octets.append(octet)
        }
        return octets
    }

    /// The kernel's `dev_valid_name`: 1–15 octets, not `.` or `..`, no '/', ':' or whitespace.
    static func isValidInterfaceName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return !bytes.isEmpty && bytes.count < 16 && name != "." && name != ".."
            && !bytes.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") || $0 <= 0x20 }
    }
}
