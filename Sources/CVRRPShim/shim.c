#define _GNU_SOURCE
#include "vrrp_shim.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

// Room for IP_PKTINFO / IPV6_PKTINFO, an int TTL / hop limit and a timespec receive timestamp (40 + 24 + 32
// octets on LP64), with alignment to spare.
#define VRRP_SHIM_CONTROL_LENGTH 160

// Socket timestamps are CLOCK_REALTIME; the runtime's clock is CLOCK_MONOTONIC. Both are read once per receive
// call, and each timestamp becomes "now on the monotonic clock, minus its age on the realtime clock".
typedef struct {
    int64_t realtime;
    int64_t monotonic;
} clock_pair;

static int64_t nanoseconds(const struct timespec *time) {
    return (int64_t)time->tv_sec * 1000000000 + (int64_t)time->tv_nsec;
}

static clock_pair read_clocks(void) {
    struct timespec real, mono;
    clock_gettime(CLOCK_REALTIME, &real);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    return (clock_pair){.realtime = nanoseconds(&real), .monotonic = nanoseconds(&mono)};
}

// A packet waits in a socket for at most the loop's longest stall; an age outside [0, 10 s] means the realtime
// clock was stepped (settimeofday, an NTP step) between the arrival and the read, and the timestamp is dropped.
// (A smaller step goes unseen here; the state machine bounds how far back an arrival may move a timer.)
#define VRRP_SHIM_MAXIMUM_AGE 10000000000LL

static int64_t monotonic_arrival(int64_t realtime_arrival, clock_pair now) {
    if (realtime_arrival == 0) return 0;
    int64_t age = now.realtime - realtime_arrival;
    if (age < 0 || age > VRRP_SHIM_MAXIMUM_AGE) return 0;
    return now.monotonic - age;
}

// Parses the ancillary data; a receive timestamp is left in `info->arrival` as CLOCK_REALTIME nanoseconds.
static void parse_control(struct msghdr *message, vrrp_shim_recv_info *info) {
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(message); cmsg != NULL; cmsg = CMSG_NXTHDR(message, cmsg)) {
        if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo pktinfo;
            memcpy(&pktinfo, CMSG_DATA(cmsg), sizeof pktinfo);
            memcpy(info->destination, &pktinfo.ipi_addr, 4);
            info->ifindex = pktinfo.ipi_ifindex;
        } else if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_TTL) {
            int ttl;
            memcpy(&ttl, CMSG_DATA(cmsg), sizeof ttl);
            info->ttl = ttl;
        } else if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_PKTINFO) {
            struct in6_pktinfo pktinfo;
            memcpy(&pktinfo, CMSG_DATA(cmsg), sizeof pktinfo);
            memcpy(info->destination, &pktinfo.ipi6_addr, 16);
            info->ifindex = (int)pktinfo.ipi6_ifindex;
        } else if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_HOPLIMIT) {
            int hops;
            memcpy(&hops, CMSG_DATA(cmsg), sizeof hops);
            info->ttl = hops;
        } else if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec stamp;
            memcpy(&stamp, CMSG_DATA(cmsg), sizeof stamp);
            info->arrival = nanoseconds(&stamp);
        }
    }
}

static void fill_source(const struct sockaddr_storage *from, vrrp_shim_recv_info *info) {
    info->family = from->ss_family;
    if (from->ss_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)from;
        memcpy(info->source, &v4->sin_addr, 4);
    } else if (from->ss_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)from;
        memcpy(info->source, &v6->sin6_addr, 16);
    }
}

int vrrp_shim_enable_receive_timestamps(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

ssize_t vrrp_shim_recv(int fd, void *buffer, size_t length, vrrp_shim_recv_info *info) {
    struct sockaddr_storage from;
    union {
        char bytes[VRRP_SHIM_CONTROL_LENGTH];
        struct cmsghdr align;
    } control;
    struct iovec iov = {.iov_base = buffer, .iov_len = length};
    struct msghdr message = {
        .msg_name = &from,
        .msg_namelen = sizeof from,
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = control.bytes,
        .msg_controllen = sizeof control.bytes,
    };
    memset(info, 0, sizeof *info);
    info->ttl = -1;
    memset(&from, 0, sizeof from);
    ssize_t received = recvmsg(fd, &message, MSG_DONTWAIT);
    if (received < 0) return -1;
    clock_pair now = read_clocks();
    fill_source(&from, info);
    info->truncated = (message.msg_flags & MSG_TRUNC) != 0;
    parse_control(&message, info);
    info->arrival = monotonic_arrival(info->arrival, now);
    return received;
}

enum { VRRP_SHIM_BATCH_MAX = 64 };

int vrrp_shim_recv_batch(int fd, void *buffers, size_t slot_length, unsigned count, ssize_t *lengths,
                         vrrp_shim_recv_info *infos) {
    if (count > VRRP_SHIM_BATCH_MAX) count = VRRP_SHIM_BATCH_MAX;
    struct mmsghdr messages[VRRP_SHIM_BATCH_MAX];
    struct iovec iovs[VRRP_SHIM_BATCH_MAX];
    struct sockaddr_storage froms[VRRP_SHIM_BATCH_MAX];
    union {
        char bytes[VRRP_SHIM_CONTROL_LENGTH];
        struct cmsghdr align;
    } controls[VRRP_SHIM_BATCH_MAX];
    memset(messages, 0, sizeof messages);
    for (unsigned i = 0; i < count; i++) {
        iovs[i].iov_base = (char *)buffers + i * slot_length;
        iovs[i].iov_len = slot_length;
        messages[i].msg_hdr.msg_name = &froms[i];
        messages[i].msg_hdr.msg_namelen = sizeof froms[i];
        messages[i].msg_hdr.msg_iov = &iovs[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_control = controls[i].bytes;
        messages[i].msg_hdr.msg_controllen = sizeof controls[i].bytes;
    }
    int received = recvmmsg(fd, messages, count, MSG_DONTWAIT, NULL);
    if (received < 0) return -1;
    clock_pair now = read_clocks();
    for (int i = 0; i < received; i++) {
        memset(&infos[i], 0, sizeof infos[i]);
        infos[i].ttl = -1;
        fill_source(&froms[i], &infos[i]);
        infos[i].truncated = (messages[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
        parse_control(&messages[i].msg_hdr, &infos[i]);
        infos[i].arrival = monotonic_arrival(infos[i].arrival, now);
        lengths[i] = messages[i].msg_len;
    }
    return received;
}

// Fills the destination sockaddr and the packet-info control message of one outgoing datagram.
static socklen_t prepare_send(int family, const uint8_t *destination, const uint8_t *source, int ifindex,
                              struct sockaddr_storage *to, char *control, size_t *control_length) {
    memset(to, 0, sizeof *to);
    memset(control, 0, VRRP_SHIM_CONTROL_LENGTH);
    struct msghdr scratch = {.msg_control = control, .msg_controllen = VRRP_SHIM_CONTROL_LENGTH};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&scratch);
    if (family == AF_INET) {
        struct sockaddr_in *v4 = (struct sockaddr_in *)to;
        v4->sin_family = AF_INET;
        memcpy(&v4->sin_addr, destination, 4);
        struct in_pktinfo pktinfo;
        memset(&pktinfo, 0, sizeof pktinfo);
        pktinfo.ipi_ifindex = ifindex;
        if (source != NULL) memcpy(&pktinfo.ipi_spec_dst, source, 4);
        cmsg->cmsg_level = IPPROTO_IP;
        cmsg->cmsg_type = IP_PKTINFO;
        cmsg->cmsg_len = CMSG_LEN(sizeof pktinfo);
        memcpy(CMSG_DATA(cmsg), &pktinfo, sizeof pktinfo);
        *control_length = CMSG_SPACE(sizeof pktinfo);
        return sizeof *v4;
    }
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)to;
    v6->sin6_family = AF_INET6;
    memcpy(&v6->sin6_addr, destination, 16);
    v6->sin6_scope_id = (uint32_t)ifindex;
    struct in6_pktinfo pktinfo;
    memset(&pktinfo, 0, sizeof pktinfo);
    pktinfo.ipi6_ifindex = (unsigned)ifindex;
    if (source != NULL) memcpy(&pktinfo.ipi6_addr, source, 16);
    cmsg->cmsg_level = IPPROTO_IPV6;
    cmsg->cmsg_type = IPV6_PKTINFO;
    cmsg->cmsg_len = CMSG_LEN(sizeof pktinfo);
    memcpy(CMSG_DATA(cmsg), &pktinfo, sizeof pktinfo);
    *control_length = CMSG_SPACE(sizeof pktinfo);
    return sizeof *v6;
}

ssize_t vrrp_shim_send(int fd, const void *buffer, size_t length, int family, const uint8_t *destination,
                       const uint8_t *source, int ifindex) {
    if (family != AF_INET && family != AF_INET6) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    struct sockaddr_storage to;
    union {
        char bytes[VRRP_SHIM_CONTROL_LENGTH];
        struct cmsghdr align;
    } control;
    size_t control_length = 0;
    socklen_t to_length = prepare_send(family, destination, source, ifindex, &to, control.bytes, &control_length);
    struct iovec iov = {.iov_base = (void *)buffer, .iov_len = length};
    struct msghdr message = {
        .msg_name = &to,
        .msg_namelen = to_length,
        .msg_iov = &iov,
        .msg_iovlen = 1,
        .msg_control = control.bytes,
        .msg_controllen = control_length,
    };
    return sendmsg(fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
}

int vrrp_shim_send_batch(int fd, const void *buffer, size_t length, int family, const uint8_t *destinations,
                         unsigned count, const uint8_t *source, int ifindex) {
    if (family != AF_INET && family != AF_INET6) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    if (count > VRRP_SHIM_BATCH_MAX) count = VRRP_SHIM_BATCH_MAX;
    size_t address_length = family == AF_INET ? 4 : 16;
    struct mmsghdr messages[VRRP_SHIM_BATCH_MAX];
    struct sockaddr_storage tos[VRRP_SHIM_BATCH_MAX];
    union {
        char bytes[VRRP_SHIM_CONTROL_LENGTH];
        struct cmsghdr align;
    } controls[VRRP_SHIM_BATCH_MAX];
    struct iovec iov = {.iov_base = (void *)buffer, .iov_len = length};
    memset(messages, 0, sizeof messages);
    for (unsigned i = 0; i < count; i++) {
        size_t control_length = 0;
        socklen_t to_length = prepare_send(family, destinations + i * address_length, source, ifindex, &tos[i],
                                           controls[i].bytes, &control_length);
        messages[i].msg_hdr.msg_name = &tos[i];
        messages[i].msg_hdr.msg_namelen = to_length;
        messages[i].msg_hdr.msg_iov = &iov;
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_control = controls[i].bytes;
        messages[i].msg_hdr.msg_controllen = control_length;
    }
    return sendmmsg(fd, messages, count, MSG_DONTWAIT | MSG_NOSIGNAL);
}

int vrrp_shim_send_messages(int fd, const void *buffer, const size_t *offsets, const size_t *lengths, unsigned count,
                            int family, const uint8_t *destinations, const uint8_t *sources, int ifindex) {
    if (family != AF_INET && family != AF_INET6) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    if (count > VRRP_SHIM_BATCH_MAX) count = VRRP_SHIM_BATCH_MAX;
    size_t address_length = family == AF_INET ? 4 : 16;
    struct mmsghdr messages[VRRP_SHIM_BATCH_MAX];
    struct sockaddr_storage tos[VRRP_SHIM_BATCH_MAX];
    struct iovec iovs[VRRP_SHIM_BATCH_MAX];
    union {
        char bytes[VRRP_SHIM_CONTROL_LENGTH];
        struct cmsghdr align;
    } controls[VRRP_SHIM_BATCH_MAX];
    memset(messages, 0, sizeof messages);
    for (unsigned i = 0; i < count; i++) {
        size_t control_length = 0;
        socklen_t to_length = prepare_send(family, destinations + i * address_length, sources + i * address_length,
                                           ifindex, &tos[i], controls[i].bytes, &control_length);
        iovs[i].iov_base = (char *)buffer + offsets[i];
        iovs[i].iov_len = lengths[i];
        messages[i].msg_hdr.msg_name = &tos[i];
        messages[i].msg_hdr.msg_namelen = to_length;
        messages[i].msg_hdr.msg_iov = &iovs[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_control = controls[i].bytes;
        messages[i].msg_hdr.msg_controllen = control_length;
    }
    return sendmmsg(fd, messages, count, MSG_DONTWAIT | MSG_NOSIGNAL);
}

ssize_t vrrp_shim_send_frame(int fd, const void *frame, size_t length, int ifindex, const uint8_t *destination_mac) {
    struct sockaddr_ll to;
    memset(&to, 0, sizeof to);
    to.sll_family = AF_PACKET;
    to.sll_ifindex = ifindex;
    to.sll_halen = ETH_ALEN;
    memcpy(to.sll_addr, destination_mac, ETH_ALEN);
    if (length >= 14) {
        memcpy(&to.sll_protocol, (const uint8_t *)frame + 12, 2);  // the EtherType, already in network order
    }
    return sendto(fd, frame, length, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&to, sizeof to);
}

int vrrp_shim_multicast_membership(int fd, int family, const uint8_t *group, int ifindex, int join) {
    if (family == AF_INET) {
        struct ip_mreqn request;
        memset(&request, 0, sizeof request);
        memcpy(&request.imr_multiaddr, group, 4);
        request.imr_ifindex = ifindex;
        return setsockopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request, sizeof request);
    }
    if (family == AF_INET6) {
        struct ipv6_mreq request;
        memset(&request, 0, sizeof request);
        memcpy(&request.ipv6mr_multiaddr, group, 16);
        request.ipv6mr_interface = (unsigned)ifindex;
        return setsockopt(fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &request,
                          sizeof request);
    }
    errno = EAFNOSUPPORT;
    return -1;
}

int vrrp_shim_multicast_interface(int fd, int family, int ifindex) {
    if (family == AF_INET) {
        struct ip_mreqn request;
        memset(&request, 0, sizeof request);
        request.imr_ifindex = ifindex;
        return setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request);
    }
    if (family == AF_INET6) {
        unsigned index = (unsigned)ifindex;
        return setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index);
    }
    errno = EAFNOSUPPORT;
    return -1;
}

int vrrp_shim_netlink_bind(int fd, uint32_t groups) {
    struct sockaddr_nl address;
    memset(&address, 0, sizeof address);
    address.nl_family = AF_NETLINK;
    address.nl_groups = groups;
    return bind(fd, (struct sockaddr *)&address, sizeof address);
}

ssize_t vrrp_shim_netlink_send(int fd, const void *buffer, size_t length) {
    struct sockaddr_nl kernel;
    memset(&kernel, 0, sizeof kernel);
    kernel.nl_family = AF_NETLINK;
    return sendto(fd, buffer, length, 0, (struct sockaddr *)&kernel, sizeof kernel);
}

int vrrp_shim_enter_network_namespace(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int result = setns(fd, CLONE_NEWNET);
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}
