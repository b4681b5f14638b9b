#ifndef VRRP_SWIFT_CPCAP_SHIM_H
#define VRRP_SWIFT_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
