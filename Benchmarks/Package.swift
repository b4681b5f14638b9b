// swift-tools-version: 6.1
// Benchmarks live in their own package so that the library's build and test do not compile the benchmark harness.
// Run: `cd Benchmarks && swift package benchmark` (or `--target WireBenchmarks`).
import PackageDescription

let benchmarkTargets = ["WireBenchmarks", "StateMachineBenchmarks", "ConfigBenchmarks"]

let package = Package(
    name: "vrrp-swift-benchmarks",
    dependencies: [
        .package(name: "vrrp-swift", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: benchmarkTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VRRPWire", package: "vrrp-swift"),
                .product(name: "VRRPStateMachine", package: "vrrp-swift"),
                .product(name: "VRRPConfig", package: "vrrp-swift"),
                .product(name: "VRRPTestSupport", package: "vrrp-swift"),
            ],
            path: "Benchmarks/\(name)",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
