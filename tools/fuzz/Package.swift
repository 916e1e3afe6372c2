// swift-tools-version:6.0
// libFuzzer targets for kreplay (docs/reliability.md). Build and run with ./run.sh TARGET SECONDS.
import PackageDescription

/// libFuzzer supplies `main`; the targets only define `LLVMFuzzerTestOneInput`.
let fuzzSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "kreplay-fuzz",
    dependencies: [
        .package(name: "kreplay", path: "../..")
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "KTrace", package: "kreplay"),
                .product(name: "Analysis", package: "kreplay"),
                .product(name: "Reports", package: "kreplay"),
            ]),
        .executableTarget(name: "FuzzLineParser", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzDecompress", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzAnalysis", dependencies: ["FuzzSupport"], swiftSettings: fuzzSettings),
        .executableTarget(
            name: "FuzzHotPath",
            dependencies: ["FuzzSupport", .product(name: "KTrace", package: "kreplay")],
            swiftSettings: fuzzSettings),
    ]
)
