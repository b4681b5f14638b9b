// swift-tools-version: 6.1
// libFuzzer target for the VRRPWire decoders, and a generator of seed corpora and large captures.
// Build and run with Scripts/fuzz-wire.sh; the fuzzer needs `-sanitize=fuzzer` and `-parse-as-library`.
import PackageDescription

let package = Package(
    name: "WireFuzz",
    dependencies: [
        .package(name: "vrrp-swift", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "WireFuzz",
            dependencies: [.product(name: "VRRPWire", package: "vrrp-swift")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "WireCorpus",
            dependencies: [
                .product(name: "VRRPWire", package: "vrrp-swift"),
                .product(name: "VRRPCapture", package: "vrrp-swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
