#!/usr/bin/env bash
# Notify-only instances (no virtual_ipaddress: a notify_master script moves a cloud floating IP through an API),
# as the hcloud / Hetzner / AWS files of the corpus run them. The master (150) advertises with an address count of
# 0; the backup (100) accepts those adverts and stays silent; after SIGKILL of the master the backup takes over
# within Master_Down_Interval (plus a bound) and runs its notify_master script. vrrpctl on both sides:
# keepalived 2.2.7 refuses to start such an instance ("No VIP specified; at least one is required", seen here),
# although its configuration test passes the file; vrrpctl check warns of that.
set -uo pipefail
. "$(dirname "$0")/common.sh"
it_init notify-only

# notify_case SUFFIX MASTER-IMPLEMENTATION BACKUP-IMPLEMENTATION
notify_case() {
    local master=$2 backup=$3 marker
    it_lab "$1" a b
    it_capture
    marker="$(lab_dir)/b-became-master"
    local config_a config_b
    config_a=$(it_conf prio=150 vips="" extra="    notify_master \"/usr/bin/touch $(lab_dir)/a-became-master\"")
    config_b=$(it_conf prio=100 vips="" extra="    notify_master \"/usr/bin/touch $marker\"")
    if [[ "$master" == keepalived ]]; then it_keepalived a "$config_a"; else it_vrrpctl a "$config_a"; fi
    it_wait "[[ -e '$(lab_dir)/a-became-master' ]]" 3 "$master a did not run notify_master"
    if [[ "$backup" == keepalived ]]; then it_keepalived b "$config_b"; else it_vrrpctl b "$config_b"; fi
    sleep 1.5
    [[ ! -e "$marker" ]] || it_fail "$backup b ran notify_master while $master a was master"
    local t_kill
    t_kill=$(it_now)
    it_crash a
    it_wait "[[ -e '$marker' ]]" 2 "$backup b did not run notify_master after $master a was killed"
    sleep 0.3
    it_capture_stop

    local adverts last_a first_b n_b took mdi counts
    adverts=$(it_adverts)
    n_b=$(it_count "$adverts" "\$2 == \"b\" && \$1 < $t_kill")
    ((n_b == 0)) || it_fail "$backup b advertised $n_b times while $master a was master"
    last_a=$(it_last "$adverts" "\$2 == \"a\" && \$4 == 150")
    first_b=$(it_first "$adverts" "\$2 == \"b\" && \$4 == 100")
    [[ -n "$last_a" && -n "$first_b" ]] || it_fail "no adverts from a, or none from b after the kill"
    took=$(it_ms "$last_a" "$first_b")
    mdi=$(it_mdi 3 0.1 100)
    it_between "$took" "$(awk -v m="$mdi" 'BEGIN { print m - 5 }')" "$(awk -v m="$mdi" 'BEGIN { print m + 100 }')" ||
        it_fail "$backup b took over $took ms after $master a's last advert; Master_Down_Interval is $mdi ms"
    counts=$(tshark -r "$IT_PCAP" -Y vrrp -T fields -e vrrp.addr_count 2>/dev/null | sort -u | tr '\n' ' ')
    [[ "$counts" == "0 " ]] || it_fail "adverts carry address counts '$counts', not 0"
    printf '  %s master, %s backup: adverts with 0 addresses accepted; takeover %s ms (MDI %s), notify_master ran\n' \
        "$master" "$backup" "$took" "$mdi"
}

notify_case novv vrrpctl vrrpctl
it_pass
