// swift-tools-version: 6.1
import PackageDescription

/// One set of compiler settings for every Swift target (Swift 6 language mode, explicit existentials,
/// imports internal unless marked otherwise).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "vrrp-swift",
    products: [
        .library(name: "VRRPWire", targets: ["VRRPWire"]),
        .library(name: "VRRPStateMachine", targets: ["VRRPStateMachine"]),
        .library(name: "VRRPConfig", targets: ["VRRPConfig"]),
        .library(name: "VRRPCapture", targets: ["VRRPCapture"]),
        .library(name: "VRRPSocket", targets: ["VRRPSocket"]),
        .library(name: "VIPNetlink", targets: ["VIPNetlink"]),
        .library(name: "VRRPRuntime", targets: ["VRRPRuntime"]),
        .library(name: "VRRPTestSupport", targets: ["VRRPTestSupport"]),
        .executable(name: "vrrpctl", targets: ["vrrpctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The pure codec: value types, exact bytes, typed errors. No dependencies, no Foundation.
        .target(name: "VRRPWire", swiftSettings: swiftSettings),

        // The deterministic router: events in, ordered actions out, time as an input. Depends only on the codec.
        .target(name: "VRRPStateMachine", dependencies: ["VRRPWire"], swiftSettings: swiftSettings),

        // keepalived.conf → typed model, diagnostics and lints. Pure; files come through an injectable reader.
        .target(name: "VRRPConfig", dependencies: ["VRRPWire"], swiftSettings: swiftSettings),

        // libpcap, through pkg-config (Debian: libpcap-dev).
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        .target(name: "VRRPCapture", dependencies: ["CPcap", "VRRPWire"], swiftSettings: swiftSettings),

        // Kernel adapters: a small C shim for the macros Swift cannot call, raw VRRP sockets, rtnetlink.
        .target(name: "CVRRPShim"),
        .target(name: "VRRPSocket", dependencies: ["CVRRPShim", "VRRPWire"], swiftSettings: swiftSettings),
        .target(name: "VIPNetlink", dependencies: ["CVRRPShim", "VRRPWire"], swiftSettings: swiftSettings),

        // Health checks: the pure rise/fall evaluator, script parsing, and the process runner (the only I/O here).
        .target(name: "CProcessSpawn"),
        .target(name: "HealthCheck", dependencies: ["CProcessSpawn"], swiftSettings: swiftSettings),

        // A running node: the event loop that owns the routers and executes their actions through the adapters.
        .target(name: "CEventLoop"),
        .target(
            name: "VRRPRuntime",
            dependencies: [
                "CEventLoop", "VRRPWire", "VRRPStateMachine", "VRRPConfig", "VRRPSocket", "VIPNetlink", "HealthCheck",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // Virtual clock, seeded LAN simulator and pcap replay: for our tests and for users'.
        .target(
            name: "VRRPTestSupport",
            dependencies: ["VRRPStateMachine", "VRRPWire", "VRRPCapture"],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "vrrpctl",
            dependencies: [
                "VRRPWire",
                "VRRPCapture",
                "VRRPStateMachine",
                "VRRPConfig",
                "VRRPSocket",
                "VIPNetlink",
                "VRRPTestSupport",
                "VRRPRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // An example of embedding a node in a Swift server (see its header).
        .executableTarget(
            name: "vip-service",
            dependencies: [
                "VRRPRuntime", "VRRPStateMachine", "VRRPWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Examples/VIPService",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "VRRPWireTests", dependencies: ["VRRPWire"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VRRPStateMachineTests",
            dependencies: ["VRRPStateMachine", "VRRPTestSupport", "VRRPWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VRRPConfigTests",
            // VRRPRuntime and VRRPStateMachine for the corpus check that what `check` accepts, `run` can start.
            dependencies: ["VRRPConfig", "VRRPWire", "VRRPRuntime", "VRRPStateMachine"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "VRRPCaptureTests", dependencies: ["VRRPCapture", "VRRPWire"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VRRPAdapterTests",
            dependencies: ["VRRPSocket", "VIPNetlink", "VRRPWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VRRPRuntimeTests",
            dependencies: [
                "VRRPRuntime", "VRRPStateMachine", "VRRPSocket", "VRRPWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VRRPTestSupportTests",
            dependencies: ["VRRPTestSupport", "VRRPCapture", "VRRPStateMachine", "VRRPWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HealthCheckTests", dependencies: ["HealthCheck"], swiftSettings: swiftSettings),
        // Runs the built vrrpctl binary end to end.
        .testTarget(name: "VRRPCtlTests", dependencies: ["vrrpctl", "VRRPWire"], swiftSettings: swiftSettings),
    ]
)
