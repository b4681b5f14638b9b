import CVRRPShim
import Glibc
import Synchronization
import VRRPWire

/// An rtnetlink client: interfaces, addresses and VMAC macvlans, in the network namespace it was opened in.
///
/// Requests are serialized on one socket (a mutex holds the sequence number), so the client may be shared
/// between threads. Every request waits at most 5 s for the kernel's answer. Adding an address that is already
/// there and deleting one that is gone succeed (EEXIST / EADDRNOTAVAIL are the intended end state).
public final class RouteNetlink: Sendable {
    private let socket: NetlinkSocket
    private let sequence = Mutex<UInt32>(1)

    /// Opens the netlink socket in the calling thread's network namespace.
    public init() throws(NetlinkError) {
        socket = try NetlinkSocket(groups: 0, nonBlocking: false, operation: "open rtnetlink socket")
    }

    /// Sends a request and collects the answer's messages (for a dump, all of them until NLMSG_DONE).
    /// - Throws: ``NetlinkError`` with the kernel's errno and extended-ack message.
    func request(
        _ message: NetlinkMessage,
        operation: String,
        interface: String?
    ) throws(NetlinkError) -> [ReceivedNetlinkMessage] {
        let result: Result<[ReceivedNetlinkMessage], NetlinkError> = sequence.withLock { next in
            var message = message
            let number = next
            next &+= 1
            message.finish(sequence: number)
            do throws(NetlinkError) {
                try socket.send(message, operation: operation, interface: interface)
                var buffer = [UInt8](repeating: 0, count: NetlinkSocket.bufferLength)
                var collected: [ReceivedNetlinkMessage] = []
                // Bounded: each receive waits at most SO_RCVTIMEO; a dump ends with NLMSG_DONE.
                for _ in 0..<100_000 {
                    guard let count = try socket.receive(into: &buffer, operation: operation, interface: interface)
                    else {
                        throw NetlinkError(operation, interface: interface, errno: EAGAIN)
                    }
                    for reply in ReceivedNetlinkMessage.split(buffer[0..<count]) where reply.sequence == number {
                        switch reply.type {
                        case RTNL.error:
                            try Self.check(reply, operation: operation, interface: interface)
                            return .success(collected)
                        case RTNL.done:
                            return .success(collected)
                        default:
                            collected.append(
                                ReceivedNetlinkMessage(
                                    type: reply.type, flags: reply.flags, sequence: reply.sequence,
                                    payload: ArraySlice(Array(reply.payload))))
                            if reply.flags & RTNL.multi == 0 { return .success(collected) }
                        }
                    }
                }
                throw NetlinkError(
                    operation: operation, interface: interface, errno: 0, cause: "the kernel's answer never ended")
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Throws for an NLMSG_ERROR with a nonzero code, with the extended-ack message when present.
    static func check(_ reply: ReceivedNetlinkMessage, operation: String, interface: String?) throws(NetlinkError) {
        guard reply.payload.count >= 4 else { return }
        let code = Int32(bitPattern: reply.payload.hostUInt32(at: 0))
        guard code != 0 else { return }
        var kernelMessage: String? = nil
        if reply.flags & RTNL.ackTLVs != 0, reply.payload.count >= 20 {
            // Capped ack: the error code, the request's 16-octet header, then the TLVs.
            let original = Int(reply.payload.hostUInt32(at: 4))
            let tlvStart = reply.flags & 0x100 != 0 ? 20 : 4 + max(16, original)
            if tlvStart <= reply.payload.count {
                let attributes = NetlinkAttributes(reply.payload.dropFirst(tlvStart))
                kernelMessage = attributes.string(RTNL.errorAttributeMessage)
            }
        }
        throw NetlinkError(operation, interface: interface, errno: -code, kernelMessage: kernelMessage)
    }
}
