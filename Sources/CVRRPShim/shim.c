#include "vrrp_shim.h"
