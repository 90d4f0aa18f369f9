// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pipeboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pipeboard", targets: ["pipeboard"]),
        // Libraries only for the benchmarks package in Benchmarks/, which depends on this one by path.
        .library(name: "PipeboardCore", targets: ["PipeboardCore"]),
        .library(name: "PipeboardStore", targets: ["PipeboardStore"]),
        .library(name: "PipeboardProviders", targets: ["PipeboardProviders"]),
        .library(name: "PipeboardService", targets: ["PipeboardService"]),
        .library(name: "PipeboardTUI", targets: ["PipeboardTUI"]),
        .library(name: "ProviderFakes", targets: ["ProviderFakes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already under async-http-client; named so that provider TLS can be configured (certificate checks).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Property-based tests that throw generated hostile input at the parsers and decoders.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The crash handler: async-signal-safe, so written in C.
        .target(name: "CCrashReport"),
        .target(name: "PipeboardCore"),
        .target(
            name: "PipeboardStore",
            dependencies: [
                "PipeboardCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // Bulk inserts bind rows through SQLite's C API directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "PipeboardProviders",
            dependencies: [
                "PipeboardCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Loopback HTTP servers that behave like the CRMs' documented APIs; never imports the clients.
        .target(
            name: "ProviderFakes",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .target(
            name: "PipeboardService",
            dependencies: ["PipeboardCore", "PipeboardStore", "PipeboardProviders"]
        ),
        .target(name: "PipeboardTUI", dependencies: ["PipeboardCore"]),
        // The one reader of TOML: config, credentials, views, board settings, key bindings and themes, parsed
        // into the values the service and the TUI take (AccountConfig, KeyMaps, Theme, ...).
        .target(
            name: "PipeboardConfig",
            dependencies: ["PipeboardCore", "PipeboardTUI", "TOMLKit"],
            // The shipped themes, compiled in from themes/ (Theme/Shipped links there): no bundle beside the binary.
            resources: ["default", "light", "solarized-dark", "high-contrast", "mono"].map {
                .embedInCode("Theme/Shipped/\($0).toml")
            }
        ),
        // The board's loop: runs effects on the service and draws through a TerminalBackend.
        .target(name: "PipeboardRuntime", dependencies: ["PipeboardCore", "PipeboardService", "PipeboardTUI"]),
        .target(name: "PipeboardTerminal", dependencies: ["PipeboardTUI", "PipeboardRuntime", "CNcurses"]),
        .executableTarget(
            name: "pipeboard",
            dependencies: [
                "PipeboardCore", "PipeboardStore", "PipeboardProviders", "PipeboardService", "PipeboardConfig",
                "PipeboardTUI", "PipeboardRuntime", "PipeboardTerminal", "CCrashReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // `pipeboard demo --serve` runs the fakes so that a CRM account can be tried without one.
                "ProviderFakes",
            ],
            // `pipeboard --version`'s commit and build day, taken at build time.
            plugins: ["BuildInfo"]
        ),
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // Helpers test targets share: each provider's client on its fake (the Harness), the providers' published
        // specs and the check of requests against them, the highlights of a drawn screen.
        .target(
            name: "TestSupport",
            dependencies: [
                "PipeboardCore", "PipeboardProviders", "ProviderFakes", "PipeboardTUI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PipeboardCoreTests", dependencies: ["PipeboardCore"]),
        .testTarget(name: "PipeboardStoreTests", dependencies: ["PipeboardStore"]),
        .testTarget(
            name: "PipeboardProvidersTests",
            dependencies: [
                "PipeboardCore", "PipeboardProviders", "ProviderFakes", "PipeboardService", "PipeboardStore",
                "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PipeboardServiceTests",
            dependencies: [
                "PipeboardCore", "PipeboardStore", "PipeboardProviders", "PipeboardService", "ProviderFakes",
                "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PipeboardConfigTests", dependencies: ["PipeboardConfig", "PipeboardTUI"]),
        // The shipped themes and the config's key bindings come parsed from PipeboardConfig.
        .testTarget(
            name: "PipeboardTUITests", dependencies: ["PipeboardTUI", "PipeboardConfig", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "PipeboardTerminalTests", dependencies: ["PipeboardTerminal"]),
        // The whole loop with a real service and a headless terminal; the last screen against goldens.
        .testTarget(
            name: "PipeboardRuntimeTests",
            dependencies: [
                "PipeboardRuntime", "PipeboardCore", "PipeboardStore", "PipeboardProviders", "PipeboardService",
                "PipeboardTUI", "PipeboardConfig", "ProviderFakes", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "PipeboardCore", "ProviderFakes", "TestSupport",
                // The crash test reads the cache file the killed process left, to check it (integrity_check) and
                // its rows.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Generated and corpus input for every parser of untrusted text: no crash, no hang, a clear error.
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "PipeboardCore", "PipeboardProviders", "PipeboardService", "PipeboardTUI", "PipeboardConfig",
                "ProviderFakes",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Corpus"]
        ),
    ]
)
