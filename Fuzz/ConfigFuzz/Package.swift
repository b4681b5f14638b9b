// swift-tools-version: 6.1
// libFuzzer target for the keepalived.conf parser. Build and run with Scripts/fuzz-config.sh (it passes
// -sanitize=fuzzer,address and -parse-as-library: libFuzzer supplies main).
import PackageDescription

let package = Package(
    name: "ConfigFuzz",
    dependencies: [.package(name: "vrrp-swift", path: "../..")],
    targets: [
        .executableTarget(
            name: "ConfigFuzz",
            dependencies: [.product(name: "VRRPConfig", package: "vrrp-swift")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
