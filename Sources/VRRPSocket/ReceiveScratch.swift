import CVRRPShim

/// The buffers one recvmmsg() call fills: `capacity` slots of packet bytes, their lengths and ancillary data.
struct ReceiveScratch: ~Copyable {
    /// Slots per batch (the shim's limit).
    static let capacity = 64
    /// `capacity` consecutive slots; sized on first use for the socket's family.
    var buffers: [UInt8] = []
    /// The length received into each slot.
    var lengths = [Int](repeating: 0, count: capacity)
    /// The source, destination, TTL and interface of each slot.
    var infos = [vrrp_shim_recv_info](repeating: vrrp_shim_recv_info(), count: capacity)
}
