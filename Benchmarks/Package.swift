// swift-tools-version:6.1
// The in-process benchmarks, kept out of the main package so that its build and CI never pay for them.
// Run from this folder: swift package --disable-sandbox benchmark  (README, Performance).
import PackageDescription

let package = Package(
    name: "pipeboard-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "pipeboard", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // The benchmark plugin finds its targets in a folder named Benchmarks.
        .executableTarget(
            name: "PipeboardBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PipeboardCore", package: "pipeboard"),
                .product(name: "PipeboardStore", package: "pipeboard"),
                .product(name: "PipeboardProviders", package: "pipeboard"),
                .product(name: "PipeboardService", package: "pipeboard"),
                .product(name: "PipeboardTUI", package: "pipeboard"),
                .product(name: "ProviderFakes", package: "pipeboard"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/PipeboardBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
