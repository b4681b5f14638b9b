import Benchmark
import VRRPConfig

/// A generated keepalived.conf with `count` instances (each with a script, VIPs, unicast peers, tracking).
func generatedConfiguration(instances count: Int) -> String {
    var text = "global_defs {\n    router_id bench\n    enable_script_security\n}\n"
    text += "vrrp_script chk {\n    script \"/usr/bin/true\"\n    interval 2\n    weight -20\n}\n"
    for index in 0..<count {
        let vrid = index % 255 + 1
        let interface = "eth\(index / 255)"
        let vip = "10.\(index / 65_536 % 256).\(index / 256 % 256).\(index % 256)"
        text += """
            vrrp_instance VI_\(index) {
                state \(index % 2 == 0 ? "MASTER" : "BACKUP")
                interface \(interface)
                virtual_router_id \(vrid)
                priority \(100 + index % 100)
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass secret\(index % 10)
                }
                virtual_ipaddress {
                    \(vip)/32 dev \(interface) label \(interface):v
                }
                unicast_src_ip 192.0.2.1
                unicast_peer {
                    192.0.2.2
                }
                track_script {
                    chk weight -30
                }
                notify_master "/etc/keepalived/notify.sh master VI_\(index)"
            }

            """
    }
    return text
}

let benchmarks: @Sendable () -> Void = {
    let text = generatedConfiguration(instances: 10_000)
    let reader = InMemoryConfigReader(["/bench/keepalived.conf": text])
    Benchmark(
        "Parse and validate 10,000 instances",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 10)
    ) { benchmark in
        let loader = KeepalivedConfigLoader(reader: reader, configID: "bench")
        for _ in benchmark.scaledIterations {
            let result = loader.load(path: "/bench/keepalived.conf")
            precondition(result.configuration.instances.count == 10_000, "generated instances lost")
            blackHole(result)
        }
    }
}
