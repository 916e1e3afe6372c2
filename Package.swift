// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "kreplay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kreplay", targets: ["kreplay"]),
        .library(name: "KTrace", targets: ["KTrace"]),
        .library(name: "TLBModel", targets: ["TLBModel"]),
        .library(name: "SignalModel", targets: ["SignalModel"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Synth", targets: ["Synth"]),
        .library(name: "Convert", targets: ["Convert"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // ISA-L igzip's inflate API, declared for loading libisal.so.2 at run time (no link).
        .systemLibrary(name: "CISAL"),
        .target(
            name: "KTrace",
            dependencies: ["CZlib", "CISAL"]
        ),
        .target(name: "TLBModel", dependencies: ["KTrace"]),
        .target(name: "SignalModel", dependencies: ["KTrace"]),
        .target(name: "Analysis", dependencies: ["KTrace", "TLBModel", "SignalModel"]),
        .target(name: "Reports", dependencies: ["Analysis"]),
        .target(name: "Synth", dependencies: ["KTrace"]),
        .target(name: "Convert", dependencies: ["KTrace", "Analysis", "Synth"]),
        .executableTarget(
            name: "kreplay",
            dependencies: [
                "Analysis", "Reports", "Synth", "Convert",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Paths of the repository's committed files, shared by the test modules.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "KTraceTests", dependencies: ["KTrace", "TestSupport"]),
        .testTarget(name: "TLBModelTests", dependencies: ["TLBModel", "KTrace", "TestSupport"]),
        .testTarget(name: "SignalModelTests", dependencies: ["SignalModel", "KTrace", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Analysis", "Synth", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "Convert", "Analysis", "KTrace", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["KTrace", "kreplay", "TestSupport"]),
    ]
)
