public import VRRPWire

/// One instance's `auth_type AH` counters, kept as keepalived keeps them (`vrrp_update_pkt`,
/// `vrrp_in_chk_ipsecah`, `vrrp_state_goto_master`):
///
/// - one sequence number serves both directions: each advert sent takes the next one, and each received advert
///   whose ICV and SPI verify must carry a number above it, which then becomes the counter. A backup therefore
///   continues from its old master's number when it takes over, and the peers accept it;
/// - the sequence number stops at 0xFFFFFFFE (keepalived calls that "cycled") and starts again from 1 the next
///   time the instance becomes master;
/// - the IPv4 Identification counts up from 1 per advert, skipping 0 (the kernel would replace a zero).
///
/// A reference type so the counters outlive a reload of the instance's configuration.
public final class AuthenticationHeaderSession {
    /// The last sequence number sent or accepted (0: none yet).
    public private(set) var sequenceNumber: UInt32
    /// The last IPv4 Identification sent.
    public private(set) var identification: UInt16 = 0
    /// Whether the sequence number reached its end.
    public private(set) var cycled = false
    private var lastSentAsMaster = false

    /// A session whose counter starts at `sequenceNumber` (keepalived starts at 0).
    public init(sequenceNumber: UInt32 = 0) {
        self.sequenceNumber = sequenceNumber
    }

    /// The Identification and sequence number of the next advert; `asMaster` tells whether the instance is
    /// master now (a cycled counter restarts when it becomes master).
    public func nextOutgoing(asMaster: Bool) -> (identification: UInt16, sequenceNumber: UInt32) {
        if cycled, asMaster, !lastSentAsMaster {
            cycled = false
            sequenceNumber = 0
        }
        lastSentAsMaster = asMaster
        if sequenceNumber > 0xFFFF_FFFD {
            cycled = true
        } else {
            sequenceNumber += 1
        }
        identification = identification == 0xFFFF ? 1 : identification + 1
        return (identification, sequenceNumber)
    }

    /// Why a received AH advert is refused, as keepalived logs it.
    public enum Refusal: Hashable, Sendable, CustomStringConvertible {
        /// The packet is not an IPv4 header followed by a whole 24-octet AH.
        case malformed(WireError)
        /// The ICV or the SPI does not verify.
        case verification(AuthenticationHeader.Verification)
        /// The sequence number is not above the last one sent or accepted (a replay, or a peer that restarted).
        case replayed(sequenceNumber: UInt32, last: UInt32)

        /// One sentence naming the cause.
        public var description: String {
            switch self {
            case .malformed(let error): "malformed IPSEC AH packet: \(error)"
            case .verification(let verdict): "IPSEC-AH: \(verdict)"
            case .replayed(let sequence, let last):
                "IPSEC-AH: sequence number \(sequence) already processed (last \(last)): packet dropped"
            }
        }
    }

    /// Checks a received IPv4 AH packet (ICV in constant time, SPI = source, then anti-replay) and, when it
    /// passes, takes its sequence number as the counter. Returns why it is refused, or nil.
    public func check(ipv4Packet packet: [UInt8], key: [UInt8], zeroTimeToLive: Bool) -> Refusal? {
        let verdict: AuthenticationHeader.Verification
        do throws(WireError) {
            verdict = try AuthenticationHeader.verify(ipv4Packet: packet[...], key: key, zeroTimeToLive: zeroTimeToLive)
        } catch {
            return .malformed(error)
        }
        guard case .valid(let sequence) = verdict else { return .verification(verdict) }
        guard sequence > sequenceNumber else { return .replayed(sequenceNumber: sequence, last: sequenceNumber) }
        sequenceNumber = sequence
        cycled = false
        return nil
    }
}
