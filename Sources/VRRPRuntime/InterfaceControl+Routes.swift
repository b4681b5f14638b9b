public import VIPNetlink

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
}
