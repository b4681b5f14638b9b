extension InterfaceControl {
    /// By default no interface holds any name.
    public func inspectVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Existing { .absent }

    /// By default an environment cannot make VMACs: the instance goes to Fault with this error.
    public func setUpVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Outcome {
        throw RuntimeError(
            operation: "create VMAC \(vmac.name) on \(vmac.parent)",
            cause: "this node environment cannot create macvlan interfaces")
    }

    /// By default there is nothing to delete.
    public func tearDownVirtualMAC(_ vmac: VirtualMACInterface) throws {}
}
