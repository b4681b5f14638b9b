#!/usr/bin/env bash
# vrrpctl and keepalived, VRRPv2 with simple-text authentication (auth_type PASS), 1 s adverts, mismatched
# passwords: neither may accept the other's adverts. On two VRIDs (vrrpctl the lower priority on one, keepalived
# on the other) both nodes become master, judged from the wire and `ip addr`. (Matching passwords, both roles,
# are pairings of the interoperability matrix: matrix.sh keepalived vrrpctl 2 ipv4 multicast pass.)
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-pass-mismatch keepalived

it_mismatch ka2c PASS "mismatched passwords"
n=$(it_count "$adverts" "(\$2 == \"a\" && \$7 != \"alpha1\") || (\$2 == \"b\" && \$7 != \"bravo2\")")
((n == 0)) || it_fail "mismatched passwords: $n adverts carry another password than their sender's"
printf '  mismatched passwords: both nodes master of VRIDs 61 and 62, each advertising its own password\n'
it_pass
