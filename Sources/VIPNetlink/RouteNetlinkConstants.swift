/// rtnetlink ABI numbers (<linux/netlink.h>, <linux/rtnetlink.h>, <linux/if_addr.h>, <linux/if_link.h>).
/// They are part of the stable kernel ABI; kept here as typed values so call sites need no casts.
enum RTNL {
    // Message types.
    static let error: UInt16 = 2  // NLMSG_ERROR
    static let done: UInt16 = 3  // NLMSG_DONE
    static let overrun: UInt16 = 4  // NLMSG_OVERRUN
    static let newLink: UInt16 = 16  // RTM_NEWLINK
    static let deleteLink: UInt16 = 17  // RTM_DELLINK
    static let getLink: UInt16 = 18  // RTM_GETLINK
    static let newAddress: UInt16 = 20  // RTM_NEWADDR
    static let deleteAddress: UInt16 = 21  // RTM_DELADDR
    static let getAddress: UInt16 = 22  // RTM_GETADDR

    // Header flags.
    static let request: UInt16 = 0x1  // NLM_F_REQUEST
    static let multi: UInt16 = 0x2  // NLM_F_MULTI
    static let ack: UInt16 = 0x4  // NLM_F_ACK
    static let dump: UInt16 = 0x300  // NLM_F_ROOT | NLM_F_MATCH
    static let replace: UInt16 = 0x100  // NLM_F_REPLACE
    static let exclusive: UInt16 = 0x200  // NLM_F_EXCL
    static let create: UInt16 = 0x400  // NLM_F_CREATE
    static let ackTLVs: UInt16 = 0x200  // NLM_F_ACK_TLVS, on NLMSG_ERROR

    // Multicast groups (bit masks for bind()).
    static let groupLink: UInt32 = 0x1  // RTMGRP_LINK
    static let groupIPv4Address: UInt32 = 0x10  // RTMGRP_IPV4_IFADDR
    static let groupIPv6Address: UInt32 = 0x100  // RTMGRP_IPV6_IFADDR

    // Multicast group numbers (for NETLINK_ADD_MEMBERSHIP / NETLINK_DROP_MEMBERSHIP).
    static let groupNumberIPv4Route: Int32 = 7  // RTNLGRP_IPV4_ROUTE
    static let groupNumberIPv4Rule: Int32 = 8  // RTNLGRP_IPV4_RULE
    static let groupNumberIPv6Route: Int32 = 11  // RTNLGRP_IPV6_ROUTE
    static let groupNumberIPv6Rule: Int32 = 19  // RTNLGRP_IPV6_RULE

    // Socket options.
    static let solNetlink: Int32 = 270  // SOL_NETLINK
    static let capAck: Int32 = 10  // NETLINK_CAP_ACK
    static let extAck: Int32 = 11  // NETLINK_EXT_ACK
    static let addMembership: Int32 = 1  // NETLINK_ADD_MEMBERSHIP
    static let dropMembership: Int32 = 2  // NETLINK_DROP_MEMBERSHIP
    static let errorAttributeMessage: UInt16 = 1  // NLMSGERR_ATTR_MSG

    // Address attributes.
    static let ifaAddress: UInt16 = 1
    static let ifaLocal: UInt16 = 2
    static let ifaLabel: UInt16 = 3
    static let ifaBroadcast: UInt16 = 4
    static let ifaFlags: UInt16 = 8

    // Link attributes.
    static let iflaAddress: UInt16 = 1
    static let iflaIfname: UInt16 = 3
    static let iflaMTU: UInt16 = 4
    static let iflaLink: UInt16 = 5
    static let iflaOperstate: UInt16 = 16
    static let iflaLinkinfo: UInt16 = 18
    static let iflaInfoKind: UInt16 = 1
    static let iflaInfoData: UInt16 = 2
    static let iflaMacvlanMode: UInt16 = 1
    static let iflaAFSpec: UInt16 = 26  // IFLA_AF_SPEC
    static let afINET6: UInt16 = 10  // AF_INET6, as a nested attribute type inside IFLA_AF_SPEC
    static let iflaInet6AddrGenMode: UInt16 = 8  // IFLA_INET6_ADDR_GEN_MODE

    // Interface flags (ifi_flags).
    static let iffUp: UInt32 = 0x1
    static let iffRunning: UInt32 = 0x40
    static let iffLowerUp: UInt32 = 0x10000

    // Address flags.
    static let ifaFSecondary: UInt32 = 0x01
    static let ifaFNoDAD: UInt32 = 0x02
    static let ifaFTentative: UInt32 = 0x40
    static let ifaFPermanent: UInt32 = 0x80
}

/// Route and rule numbers (<linux/rtnetlink.h>, <linux/fib_rules.h>).
enum RTNLRoute {
    static let newRoute: UInt16 = 24  // RTM_NEWROUTE
    static let deleteRoute: UInt16 = 25  // RTM_DELROUTE
    static let getRoute: UInt16 = 26  // RTM_GETROUTE
    static let newRule: UInt16 = 32  // RTM_NEWRULE
    static let deleteRule: UInt16 = 33  // RTM_DELRULE
    static let getRule: UInt16 = 34  // RTM_GETRULE
    static let rtaDestination: UInt16 = 1  // RTA_DST
    static let rtaOutputInterface: UInt16 = 4  // RTA_OIF
    static let rtaGateway: UInt16 = 5  // RTA_GATEWAY
    static let rtaPriority: UInt16 = 6  // RTA_PRIORITY
    static let rtaPreferredSource: UInt16 = 7  // RTA_PREFSRC
    static let rtaTable: UInt16 = 15  // RTA_TABLE
    static let onLinkFlag: UInt32 = 4  // RTNH_F_ONLINK
    static let fraDestination: UInt16 = 1  // FRA_DST
    static let fraSource: UInt16 = 2  // FRA_SRC
    static let fraInputInterface: UInt16 = 3  // FRA_IIFNAME
    static let fraPriority: UInt16 = 6  // FRA_PRIORITY
    static let fraFirewallMark: UInt16 = 10  // FRA_FWMARK
    static let fraTable: UInt16 = 15  // FRA_TABLE
    static let fraFirewallMask: UInt16 = 16  // FRA_FWMASK
    static let fraOutputInterface: UInt16 = 17  // FRA_OIFNAME
    static let fraProtocol: UInt16 = 21  // FRA_PROTOCOL
    static let actionToTable: UInt8 = 1  // FR_ACT_TO_TBL
}
