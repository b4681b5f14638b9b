public import VRRPWire

/// An instance's `authentication { auth_type …; auth_pass … }` block (VRRPv2 only, RFC 3768 §5.3.6).
public struct InstanceAuthentication: Hashable, Sendable {
    /// `PASS` (simple text) or `AH`.
    public var type: AuthenticationType
    /// The password as carried: its first 8 octets, zero-padded.
    public var data: AuthenticationData
    /// Where the block starts.
    public var location: SourceLocation?

    /// An authentication setting from its parts.
    public init(type: AuthenticationType, data: AuthenticationData, location: SourceLocation? = nil) {
        self.type = type
        self.data = data
        self.location = location
    }
}
