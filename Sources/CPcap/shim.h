#ifndef VRRP_SWIFT_CPCAP_SHIM_H
#define VRRP_SWIFT_CPCAP_SHIM_H
#include <pcap/pcap.h>

/* setns(2) is declared by <sched.h> only under _GNU_SOURCE; live capture uses it to open a packet socket inside
 * another network namespace. */
extern int setns(int fd, int nstype);
#define CPCAP_CLONE_NEWNET 0x40000000

#endif
