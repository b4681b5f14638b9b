public import VIPNetlink
public import VRRPWire

extension InterfaceControl {
    /// By default an environment cannot install routes: the node logs the error and carries on.
    public func change(_ route: KernelRoute, add: Bool) throws {
        throw RuntimeError(
            operation: "\(add ? "add" : "delete") route \(route)", cause: "this node environment cannot change routes")
    }

    /// By default an environment cannot install rules: the node logs the error and carries on.
    public func change(_ rule: KernelRule, add: Bool) throws {
        throw RuntimeError(
            operation: "\(add ? "add" : "delete") rule \(rule)", cause: "this node environment cannot change rules")
    }

    /// By default an environment reports no route or rule deletions.
    public func watchRouting(routes: Set<AddressFamily>, rules: Set<AddressFamily>) throws {}

    /// By default an environment cannot list routes.
    public func routes(family: AddressFamily) throws -> [KernelRoute] {
        throw RuntimeError(operation: "list \(family) routes", cause: "this node environment cannot list routes")
    }

    /// By default an environment cannot list rules.
    public func rules(family: AddressFamily) throws -> [KernelRule] {
        throw RuntimeError(operation: "list \(family) rules", cause: "this node environment cannot list rules")
    }
}
