extension VirtualRouter {
    /// Counts an advert that the adapter layer dropped before it reached ``handle(_:now:)`` because its IPsec
    /// Authentication Header failed (`auth_type AH`: the ICV, the SPI or the anti-replay sequence number), as
    /// keepalived counts it in `auth_failure` (`vrrpStatsAuthFailures`). The ICV needs the whole IP packet and
    /// the key, which the state machine does not see, so the check itself lives beside the socket.
    public mutating func recordAuthenticationFailure() {
        statistics.authFailures += 1
    }
}
