#ifndef VRRP_SHIM_H
#define VRRP_SHIM_H

// A small C shim for the kernel interfaces Swift cannot express: ancillary data (CMSG_*), netlink message
// alignment (NLMSG_* / RTA_*), in_pktinfo / in6_pktinfo, sockaddr_ll, and the rtnetlink constants that live in
// <linux/*.h> headers Glibc's module does not export. Every function here is stateless.

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

/// What one received datagram carried besides its payload.
typedef struct {
    /// AF_INET or AF_INET6.
    int family;
    /// The source address in network order (4 or 16 octets used).
    uint8_t source[16];
    /// The destination address from IP_PKTINFO / IPV6_PKTINFO (all zero when absent).
    uint8_t destination[16];
    /// The receiving interface index from the packet info (0 when absent).
    int ifindex;
    /// The TTL (IPv4, IP_RECVTTL) or hop limit (IPv6, IPV6_RECVHOPLIMIT); -1 when absent.
    int ttl;
    /// Nonzero when the datagram was longer than the buffer (MSG_TRUNC).
    int truncated;
    /// When the kernel received the datagram (SO_TIMESTAMPNS), on CLOCK_MONOTONIC in nanoseconds; 0 when the
    /// socket gave no timestamp or the realtime clock stepped between the arrival and the read.
    int64_t arrival;
} vrrp_shim_recv_info;

/// recvmsg() one datagram into `buffer`, parsing the source address and the packet-info / TTL / timestamp
/// ancillary data.
/// Returns the payload length or -1 with errno set (EAGAIN when nothing is queued on a non-blocking socket).
ssize_t vrrp_shim_recv(int fd, void *buffer, size_t length, vrrp_shim_recv_info *info);

/// Asks the kernel to stamp each datagram with its receive time (SO_TIMESTAMPNS), which the receive calls report
/// as `arrival`. Returns 0 or -1 with errno set.
int vrrp_shim_enable_receive_timestamps(int fd);

/// Receives up to `count` datagrams with one recvmmsg() call. `buffers` is `count` consecutive slots of
/// `slot_length` octets; `lengths[i]` and `infos[i]` describe slot i. Returns how many were received or -1.
int vrrp_shim_recv_batch(int fd, void *buffers, size_t slot_length, unsigned count, ssize_t *lengths,
                         vrrp_shim_recv_info *infos);

/// sendmsg() one datagram to `destination` (4 or 16 octets by `family`) with IP_PKTINFO / IPV6_PKTINFO naming
/// the source address (`source` may be NULL: the kernel chooses) and the outgoing interface.
/// Returns the octets sent or -1 with errno set.
ssize_t vrrp_shim_send(int fd, const void *buffer, size_t length, int family, const uint8_t *destination,
                       const uint8_t *source, int ifindex);

/// Sends `count` copies of one datagram destination-by-destination with one sendmmsg() call: `destinations`
/// holds `count` addresses of the family's length. Returns how many were sent or -1.
int vrrp_shim_send_batch(int fd, const void *buffer, size_t length, int family, const uint8_t *destinations,
                         unsigned count, const uint8_t *source, int ifindex);

/// Sends `count` different datagrams with one sendmmsg() call: datagram i is `lengths[i]` octets at
/// `buffer + offsets[i]`, to `destinations + i * L` from `sources + i * L` (L: 4 or 16 for the family). Returns
/// how many were sent or -1.
int vrrp_shim_send_messages(int fd, const void *buffer, const size_t *offsets, const size_t *lengths, unsigned count,
                            int family, const uint8_t *destinations, const uint8_t *sources, int ifindex);

/// sendto() a complete Ethernet frame on an AF_PACKET socket through interface `ifindex`.
ssize_t vrrp_shim_send_frame(int fd, const void *frame, size_t length, int ifindex, const uint8_t *destination_mac);

/// Joins (`join` nonzero) or leaves a multicast group on an interface by index.
int vrrp_shim_multicast_membership(int fd, int family, const uint8_t *group, int ifindex, int join);

/// Sets IP_MULTICAST_IF (by index, ip_mreqn) or IPV6_MULTICAST_IF.
int vrrp_shim_multicast_interface(int fd, int family, int ifindex);

/// Binds a netlink socket to the kernel-assigned port with the given multicast groups.
int vrrp_shim_netlink_bind(int fd, uint32_t groups);

/// Sends a netlink message to the kernel (port 0).
ssize_t vrrp_shim_netlink_send(int fd, const void *buffer, size_t length);

/// Moves the calling thread into the network namespace at `path` (e.g. /var/run/netns/NAME) with setns().
/// Sockets the thread opens afterwards belong to that namespace. Returns 0 or -1 with errno set.
int vrrp_shim_enter_network_namespace(const char *path);

/// NLMSG_ALIGN.
static inline size_t vrrp_shim_nlmsg_align(size_t length) { return NLMSG_ALIGN(length); }
/// NLMSG_HDRLEN.
static inline size_t vrrp_shim_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }
/// RTA_ALIGN.
static inline size_t vrrp_shim_rta_align(size_t length) { return RTA_ALIGN(length); }
/// sizeof(struct ifaddrmsg).
static inline size_t vrrp_shim_ifaddrmsg_size(void) { return sizeof(struct ifaddrmsg); }
/// sizeof(struct ifinfomsg).
static inline size_t vrrp_shim_ifinfomsg_size(void) { return sizeof(struct ifinfomsg); }
/// sizeof(struct nlmsgerr).
static inline size_t vrrp_shim_nlmsgerr_size(void) { return sizeof(struct nlmsgerr); }

#endif
