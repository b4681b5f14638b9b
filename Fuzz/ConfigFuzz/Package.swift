// swift-tools-version: 6.1
// libFuzzer target for the keepalived.conf parser. Build and run with Scripts/fuzz-config.sh (it passes
// -sanitize=fuzzer and -parse-as-library; FuzzMain.swift hands the entry point to libFuzzer's driver).
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
