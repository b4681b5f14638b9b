import Testing
import VRRPConfig
import VRRPWire

/// keepalived 2.2.7's advert tunables: `lower_prio_no_advert`, `higher_prio_send_advert`, `down_timer_adverts`,
/// `notify_priority_changes`, their `vrrp_*` globals, `vrrp_startup_delay`, `unicast_fault_no_peer` and the
/// instance's `check_unicast_src`.
@Suite("Parsing keepalived's advert tunables")
struct AdvertTunableParsingTests {
    @Test("the globals are every instance's default; an instance's own keyword wins, either way")
    func globalsAndOverrides() {
        let result = load(
            """
            global_defs {
                vrrp_lower_prio_no_advert
                vrrp_higher_prio_send_advert true
                vrrp_down_timer_adverts 5
                vrrp_notify_priority_changes
                vrrp_startup_delay 2.5
            }

            """
                + instanceText(name: "VI_1")
                + instanceText(
                    name: "VI_2", vrid: 52,
                    extra: """
                            lower_prio_no_advert off
                            higher_prio_send_advert false
                            down_timer_adverts 2
                            notify_priority_changes no
                        """))
        #expect(!result.hasErrors)
        #expect(!result.diagnostics.contains { $0.code == .notProvided || $0.code == .unknownKeyword })
        let global = result.configuration.global
        #expect(global.startupDelay == .milliseconds(2500))
        let first = result.configuration.instances[0]
        #expect(first.lowerPriorityNoAdvert && first.higherPrioritySendAdvert && first.notifyPriorityChanges)
        #expect(first.downTimerAdverts == 5)
        let second = result.configuration.instances[1]
        #expect(!second.lowerPriorityNoAdvert && !second.higherPrioritySendAdvert && !second.notifyPriorityChanges)
        #expect(second.downTimerAdverts == 2)
    }

    @Test("notify_priority_changes: the instance's keyword, else its sync group's, else the global one")
    func notifyPriorityChangesPrecedence() {
        let result = load(
            "global_defs {\n    vrrp_notify_priority_changes\n}\n"
                + instanceText(name: "VI_1") + instanceText(name: "VI_2", vrid: 52)
                + instanceText(name: "VI_3", vrid: 53, extra: "    notify_priority_changes")
                + instanceText(name: "VI_4", vrid: 54)
                    + """
                    vrrp_sync_group G {
                        group {
                            VI_1
                            VI_3
                        }
                        notify_priority_changes off
                    }
                    vrrp_sync_group H {
                        group {
                            VI_2
                        }
                        notify_priority_changes maybe
                    }

                    """)
        let values = result.configuration.instances.map(\.notifyPriorityChanges)
        #expect(values == [false, true, true, true])
        #expect(result.configuration.syncGroups.map(\.notifyPriorityChanges) == [false, nil])
        #expect(result.first(.invalidValue)?.location?.line == 55)
        #expect(result.configuration.effectiveText.contains("    notify_priority_changes off\n"))
    }

    @Test("keepalived's defaults: answer lower priorities, back off silently, 3 adverts, no priority notifies")
    func defaults() {
        let instance = load(instanceText()).configuration.instances[0]
        #expect(!instance.lowerPriorityNoAdvert && !instance.higherPrioritySendAdvert)
        #expect(instance.downTimerAdverts == 3 && !instance.notifyPriorityChanges)
        #expect(!instance.unicastFaultNoPeer && !instance.checkUnicastSource)
        #expect(load(instanceText()).configuration.global.startupDelay == .zero)
    }

    @Test("strict mode forces them back as keepalived does, with a warning at each line it overrides")
    func strictMode() {
        let result = load(
            "global_defs {\n    vrrp_strict\n}\n"
                + instanceText(
                    extra: """
                            lower_prio_no_advert off
                            higher_prio_send_advert
                            down_timer_adverts 5
                        """))
        let instance = result.configuration.instances[0]
        #expect(instance.lowerPriorityNoAdvert && !instance.higherPrioritySendAdvert)
        #expect(instance.downTimerAdverts == 3)
        let conflicts = result.diagnostics.filter { $0.code == .strictConflict }
        #expect(conflicts.map(\.location?.line) == [12, 13, 14])
        #expect(conflicts.allSatisfy { $0.severity == .warning })
        #expect(conflicts.last?.message.contains("down_timer_adverts 5 is ignored") == true)
        // Without any keyword, strict mode alone turns lower_prio_no_advert on, silently.
        let quiet = load("global_defs {\n    vrrp_strict\n}\n" + instanceText())
        #expect(quiet.configuration.instances[0].lowerPriorityNoAdvert)
        #expect(!quiet.diagnostics.contains { $0.code == .strictConflict })
    }

    @Test("bad values are errors at the value, and the setting keeps its default")
    func badValues() {
        let result = load(
            """
            global_defs {
                vrrp_startup_delay 0
                vrrp_down_timer_adverts 0
                vrrp_notify_priority_changes maybe
            }

            """
                + instanceText(
                    extra: """
                            down_timer_adverts 101
                            lower_prio_no_advert sometimes
                            higher_prio_send_advert 2
                            notify_priority_changes x
                        """))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location?.line) == [2, 3, 4, 14, 15, 16, 17])
        #expect(
            errors.map(\.code) == [
                .outOfRange, .outOfRange, .invalidValue, .outOfRange, .invalidValue, .invalidValue, .invalidValue,
            ])
        #expect(errors.first?.message.contains("0.001…4294.967295 seconds") == true)
        #expect(errors[3].message == "down_timer_adverts 101 is outside 1…100; the line is ignored")
        #expect(errors.allSatisfy { $0.location?.column ?? 0 > 5 }, "each error points at the value")
        let instance = result.configuration.instances[0]
        #expect(instance.downTimerAdverts == 3 && !instance.lowerPriorityNoAdvert)
        #expect(result.configuration.global.startupDelay == .zero)
        #expect(load("global_defs {\n    vrrp_startup_delay soon\n}\n").first(.invalidNumber)?.location?.line == 2)
    }

    @Test("unicast_fault_no_peer: without peers the warning says FAULT; with peers nothing to say")
    func unicastFaultNoPeer() {
        let alone = load(instanceText(extra: "    unicast_src_ip 192.0.2.1\n    unicast_fault_no_peer"))
        #expect(alone.configuration.instances[0].unicastFaultNoPeer)
        let warning = alone.first(.unicastWithoutPeers)
        #expect(warning?.message.contains("stays in FAULT") == true)
        #expect(warning?.location?.line == 9)
        let paired = load(
            instanceText(extra: "    unicast_fault_no_peer\n    unicast_peer {\n        192.0.2.2\n    }"))
        #expect(paired.first(.unicastWithoutPeers) == nil)
        #expect(paired.configuration.instances[0].unicastFaultNoPeer)
    }

    @Test("check_unicast_src in an instance, or vrrp_check_unicast_src globally; alone it is a unicast keyword")
    func checkUnicastSource() {
        let peers = "    unicast_peer {\n        192.0.2.2\n    }"
        let own = load(instanceText(extra: "    check_unicast_src\n" + peers))
        #expect(own.configuration.instances[0].checkUnicastSource)
        #expect(own.diagnostics.isEmpty)
        let global = load("global_defs {\n    vrrp_check_unicast_src\n}\n" + instanceText(extra: peers))
        #expect(global.configuration.instances[0].checkUnicastSource)
        let alone = load(instanceText(extra: "    check_unicast_src"))
        #expect(alone.first(.unicastWithoutPeers)?.message.contains("Defaulting to multicast") == true)
    }

    @Test("check --dump writes the effective values, and reading the dump gives the same model")
    func dump() {
        let config = load(
            "global_defs {\n    vrrp_startup_delay 1.25\n    vrrp_notify_priority_changes\n}\n"
                + instanceText(
                    extra: """
                            lower_prio_no_advert
                            higher_prio_send_advert
                            down_timer_adverts 7
                            check_unicast_src
                            unicast_fault_no_peer
                            unicast_peer {
                                192.0.2.2
                            }
                        """)
        ).configuration
        let text = config.effectiveText
        for expected in [
            "    vrrp_startup_delay 1.25\n", "    vrrp_notify_priority_changes\n", "    lower_prio_no_advert\n",
            "    higher_prio_send_advert\n", "    down_timer_adverts 7\n", "    check_unicast_src\n",
            "    unicast_fault_no_peer\n", "    notify_priority_changes\n",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let again = load(text).configuration
        let (before, after) = (config.instances[0], again.instances[0])
        #expect(after.lowerPriorityNoAdvert && after.higherPrioritySendAdvert && after.notifyPriorityChanges)
        #expect(after.downTimerAdverts == before.downTimerAdverts)
        #expect(after.checkUnicastSource && after.unicastFaultNoPeer)
        #expect(again.global.startupDelay == .milliseconds(1250))
        #expect(!load(instanceText()).configuration.effectiveText.contains("down_timer_adverts"))
    }
}
