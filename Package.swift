// swift-tools-version:6.2
import PackageDescription

// Upcoming features that make module leaks visible: a `public import` marks
// each dependency a module exposes on purpose.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// The composition targets (HTTP, CLI, tests) import many transitive modules; there the
// member-visibility check adds a dependency line per module without guarding a boundary.
let compositionSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// The executable links the Swift runtime and Foundation statically (the modules compile as
// usual; only the link changes): an idle `serve` then maps the pages it touches of one file
// instead of eight shared libraries, Foundation's ICU among them, and has none of their
// relocations to write (issue 18: idle `serve` under 40 MB; `careledger bench memory`). The
// libraries are named because `-static-stdlib` alone brings the runtime, not Foundation's own
// dependencies; the group lets the linker resolve them in any order. lld, because the default
// gold prints a link-time warning about `mktemp` in static Foundation at every link, and it lays
// out the file so that fewer pages are touched (3.6 MB fewer resident). `--no-export-dynamic`
// undoes the runtime's default of exporting every symbol of the executable (nothing looks ours
// up by name; backtraces read the symbol table), which drops the export table: 2.8 MB fewer.
// Linux only (Darwin has no static Swift runtime).
let staticSwiftRuntime: [String] = ["-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "--start-group"]
    + ["Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation", "_FoundationICU",
       "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch", "BlocksRuntime",
       "swiftCore", "swift_Concurrency", "swift_StringProcessing", "swift_RegexParser", "swiftGlibc", "swift_Builtin_float"]
        .flatMap { ["-Xlinker", "-l\($0)"] }
    + ["-Xlinker", "--end-group"]

let package = Package(
    name: "careledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "careledger", targets: ["careledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
    ],
    targets: [
        // The platform every core stands on: database, tenancy, identity,
        // audit, events, jobs, jurisdiction profiles, integration queries.
        .target(
            name: "Platform",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Migrations/SQL")],
            swiftSettings: strictSettings
        ),
        // The three cores: each depends on Platform only, never on another core.
        .target(name: "PracticeManagement", dependencies: ["Platform", .product(name: "PostgresNIO", package: "postgres-nio")],
                resources: [.copy("Migrations/SQL")], swiftSettings: strictSettings),
        .target(name: "Clinical", dependencies: ["Platform", .product(name: "PostgresNIO", package: "postgres-nio"),
                                                 .product(name: "Metrics", package: "swift-metrics")],
                resources: [.copy("Migrations/SQL")], swiftSettings: strictSettings),
        .target(name: "Finance", dependencies: ["Platform", .product(name: "PostgresNIO", package: "postgres-nio"),
                                                .product(name: "Logging", package: "swift-log")],
                resources: [.copy("Migrations/SQL")], swiftSettings: strictSettings),
        // The application: composes the cores (schema, event wiring, periodic jobs, the workflows
        // that span cores). HTTP and the CLI are adapters over it.
        .target(
            name: "CareLedgerApp",
            dependencies: [
                "Platform", "PracticeManagement", "Clinical", "Finance",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The pages' HTML builder: one renderer that escapes every text and attribute value.
        .target(name: "PageMarkup", swiftSettings: strictSettings),
        // HTTP: an adapter (decode, call, encode); holds no business rule of its own.
        .target(
            name: "CareLedgerHTTP",
            dependencies: [
                "CareLedgerApp", "Platform", "PracticeManagement", "Clinical", "Finance", "PageMarkup",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: compositionSettings
        ),
        // The command line, as a library so its commands can be tested.
        .target(
            name: "CareLedgerCLI",
            dependencies: [
                "CareLedgerApp", "Platform", "PracticeManagement", "Clinical", "Finance", "CareLedgerHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: compositionSettings
        ),
        .executableTarget(name: "careledger", dependencies: ["CareLedgerCLI"], swiftSettings: compositionSettings,
                          linkerSettings: [.unsafeFlags(staticSwiftRuntime, .when(platforms: [.linux]))]),

        // A throwaway PostgreSQL cluster and a fresh database per suite, shared by every test target.
        .target(
            name: "PlatformTesting",
            dependencies: [
                "Platform",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PlatformTesting",
            swiftSettings: compositionSettings
        ),
        .testTarget(
            name: "PlatformTests",
            dependencies: ["Platform", "PlatformTesting",
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: compositionSettings
        ),
        // Claims tests build real group sessions through Clinical (tests may compose cores; the cores may not).
        .testTarget(name: "PracticeManagementTests", dependencies: ["PracticeManagement", "Clinical", "Platform", "PlatformTesting",
                                                                    .product(name: "PostgresNIO", package: "postgres-nio")],
                    swiftSettings: compositionSettings),
        .testTarget(name: "ClinicalTests", dependencies: ["Clinical", "Platform", "PracticeManagement", "PlatformTesting",
                                                          .product(name: "PostgresNIO", package: "postgres-nio")],
                    swiftSettings: compositionSettings),
        // The composed product: the workflows that span cores, and the schema as a whole.
        .testTarget(name: "CareLedgerAppTests", dependencies: ["CareLedgerApp", "Clinical", "PracticeManagement", "Platform", "PlatformTesting",
                                                               .product(name: "PostgresNIO", package: "postgres-nio")],
                    swiftSettings: compositionSettings),
        .testTarget(name: "FinanceTests", dependencies: ["Finance", "Platform", "PlatformTesting", "Clinical", "PracticeManagement",
                                                         .product(name: "PostgresNIO", package: "postgres-nio")],
                    swiftSettings: compositionSettings),
        .testTarget(name: "PageMarkupTests", dependencies: ["PageMarkup"], swiftSettings: compositionSettings),
        .testTarget(
            name: "CareLedgerHTTPTests",
            dependencies: ["CareLedgerHTTP", "CareLedgerApp", "Platform", "PlatformTesting",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: compositionSettings
        ),
        .testTarget(name: "CareLedgerCLITests", dependencies: [
            "CareLedgerCLI", "CareLedgerApp", "Platform", "PlatformTesting", "PracticeManagement", "Clinical",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["Security/page_injection_probe.py", "Security/api_conformance.py", "Security/api_conformance_hooks.py"], swiftSettings: compositionSettings),
    ]
)
