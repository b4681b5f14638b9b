#!/usr/bin/env bash
# vrrpctl and keepalived, VRRPv2 with the IPsec Authentication Header (auth_type AH: IP protocol 51, HMAC-MD5-96
# ICV keyed with auth_pass, SPI = source address), 1 s adverts, both roles: the backup stays silent while the
# master advertises (so it accepted the master's ICV and sequence numbers), takes over when the master is killed,
# and (vrrpctl master) gives the VIP back when it restarts. Then mismatched passwords: on two VRIDs (vrrpctl the
# lower priority on one, keepalived on the other) both nodes become master, each dropping the other's adverts.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init keepalived-v2-ah keepalived
it_pair lab=kaha master=keepalived backup=vrrpctl version=2 int=1 pass=s3cret authtype=AH observe=2.5 bound=200 \
    back=no
it_pair lab=kahb master=vrrpctl backup=keepalived version=2 int=1 pass=s3cret authtype=AH observe=2.5 bound=200 \
    back=yes

# Mismatched passwords: VRID 61 has vrrpctl at 100 below keepalived at 150, VRID 62 the reverse.
it_lab kahc a b
it_capture
v61=(vrid=61 version=2 int=1 authtype=AH)
v62=(name=VI_2 vrid=62 version=2 int=1 authtype=AH vips=192.0.2.101/24)
it_vrrpctl a "$(it_conf "${v61[@]}" prio=100 auth=alpha1; it_instance "${v62[@]}" prio=150 auth=alpha1)"
it_keepalived b "$(it_conf "${v61[@]}" prio=150 auth=bravo2; it_instance "${v62[@]}" prio=100 auth=bravo2)"
it_wait "it_holds a 192.0.2.100 && it_holds b 192.0.2.100 && it_holds a 192.0.2.101 && it_holds b 192.0.2.101" 8 \
    "with mismatched AH keys the two nodes did not both become master of VRIDs 61 and 62"
t_both=$(it_now)
it_never "! { it_holds a 192.0.2.100 && it_holds b 192.0.2.100 && it_holds a 192.0.2.101 && it_holds b 192.0.2.101; }" \
    3.2 "with mismatched AH keys a node gave up a VIP (it accepted the peer's adverts)"
it_alive a && it_alive b || it_fail "a daemon died"
it_capture_stop
adverts=$(it_adverts)
for vrid in 61 62; do
    n=$(it_count "$adverts" "\$1 > $t_both && \$2 == \"a\" && \$3 == $vrid && \$4 > 0")
    ((n >= 3)) || it_fail "mismatched AH keys: vrrpctl sent $n adverts on VRID $vrid in 3.2 s (accepted the peer)"
    n=$(it_count "$adverts" "\$2 == \"b\" && \$3 == $vrid && \$4 > 0")
    ((n >= 1)) || it_fail "mismatched AH keys: keepalived never advertised VRID $vrid"
done
printf '  mismatched AH keys: both nodes master of VRIDs 61 and 62, each dropping the other'"'"'s adverts\n'
it_pass
