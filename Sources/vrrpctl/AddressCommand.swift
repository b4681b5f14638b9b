import ArgumentParser
import VIPNetlink
import VRRPWire

/// `vrrpctl address` (hidden): add or delete an address through VIPNetlink.
struct AddressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Add or delete an interface address through rtnetlink (test probe).",
        shouldDisplay: false
    )

    @Option(name: [.short, .long], help: "The interface.")
    var interface: String

    @Option(help: "Add ADDRESS/PREFIX.")
    var add: String?

    @Option(help: "Delete ADDRESS/PREFIX.")
    var delete: String?

    @Option(help: "IPv4 label (must start with the interface name).")
    var label: String?

    mutating func run() throws {
        guard (add == nil) != (delete == nil) else { throw ValidationError("give exactly one of --add, --delete") }
        let text = add ?? delete ?? ""
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let prefix = UInt8(parts[1]) else {
            throw ValidationError("\"\(text)\" is not ADDRESS/PREFIX, e.g. 192.0.2.100/24")
        }
        let netlink = try RouteNetlink()
        if add != nil {
            let added = try netlink.addAddress(address, prefixLength: prefix, to: interface, label: label)
            print(added ? "added \(text)" : "\(text) was already there")
        } else {
            let deleted = try netlink.deleteAddress(address, prefixLength: prefix, from: interface)
            print(deleted ? "deleted \(text)" : "\(text) was not there")
        }
    }
}
