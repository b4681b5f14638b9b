extension VirtualRouter {
    /// Counters named after the VRRP MIBs (RFC 6527 `vrrpv3Statistics*`, RFC 2787 `vrrpStats*`).
    public struct Statistics: Hashable, Sendable {
        /// `vrrpv3StatisticsMasterTransitions` / `vrrpStatsBecomeMaster`.
        public var masterTransitions: UInt64 = 0
        /// Times Master was left for Backup or Fault (keepalived's `release_master`).
        public var masterReleases: UInt64 = 0
        /// `vrrpv3StatisticsRcvdAdvertisements` / `vrrpStatsAdvertiseRcvd`: adverts that passed the checks.
        public var advertisementsReceived: UInt64 = 0
        /// Adverts sent (keepalived's `advert_sent`).
        public var advertisementsSent: UInt64 = 0
        /// `vrrpv3StatisticsAdvIntervalErrors` / `vrrpStatsAdvertiseIntervalErrors`.
        public var advertisementIntervalErrors: UInt64 = 0
        /// `vrrpv3StatisticsIpTtlErrors` / `vrrpStatsIpTtlErrors`.
        public var ipTTLErrors: UInt64 = 0
        /// `vrrpv3StatisticsRcvdPriZeroPackets` / `vrrpStatsPriorityZeroPktsRcvd`.
        public var priorityZeroPacketsReceived: UInt64 = 0
        /// `vrrpv3StatisticsSentPriZeroPackets` / `vrrpStatsPriorityZeroPktsSent`.
        public var priorityZeroPacketsSent: UInt64 = 0
        /// `vrrpv3StatisticsRcvdInvalidTypePackets` / `vrrpStatsInvalidTypePktsRcvd`.
        public var invalidTypePacketsReceived: UInt64 = 0
        /// `vrrpv3StatisticsAddressListErrors` / `vrrpStatsAddressListErrors`.
        public var addressListErrors: UInt64 = 0
        /// `vrrpv3StatisticsPacketLengthErrors` / `vrrpStatsPacketLengthErrors`.
        public var packetLengthErrors: UInt64 = 0
        /// `vrrpStatsAuthFailures`: wrong password.
        public var authFailures: UInt64 = 0
        /// `vrrpStatsInvalidAuthType`: an Auth Type outside 0–2.
        public var invalidAuthType: UInt64 = 0
        /// `vrrpStatsAuthTypeMismatch`: a valid Auth Type other than ours.
        public var authTypeMismatch: UInt64 = 0
        /// `vrrpv3RouterChecksumErrors` / `vrrpRouterChecksumErrors`.
        public var checksumErrors: UInt64 = 0
        /// `vrrpv3RouterVersionErrors` / `vrrpRouterVersionErrors`.
        public var versionErrors: UInt64 = 0
        /// `vrrpv3RouterVrIdErrors` / `vrrpRouterVrIdErrors`.
        public var vrIdErrors: UInt64 = 0
        /// Other protocol errors (`vrrpv3StatisticsProtoErrReason`): zero interval, wrong family, unknown source.
        public var protocolErrors: UInt64 = 0

        /// All counters zero.
        public init() {}
    }
}
