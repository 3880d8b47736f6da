// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "improve",
    products: [
        .library(name: "PlanKit", targets: ["PlanKit"]),
        .executable(name: "improve", targets: ["improve"]),
        .executable(name: "improve-bench", targets: ["improve-bench"]),
    ],
    targets: [
        .target(name: "PlanKit"),
        .executableTarget(name: "improve", dependencies: ["PlanKit"]),
        .executableTarget(name: "improve-bench", dependencies: ["PlanKit"]),
        .testTarget(
            name: "PlanKitTests",
            dependencies: ["PlanKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "improveTests", dependencies: ["improve", "PlanKit"], exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
