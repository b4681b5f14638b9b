#ifndef VRRP_SHIM_H
#define VRRP_SHIM_H
#endif
