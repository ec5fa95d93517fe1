// swift-tools-version:6.0
// HubPlan — plans a Teaching School Hub's year. GPL-3.0-or-later (it links GLPK).
import PackageDescription

let package = Package(
    name: "HubPlan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hubplan", targets: ["hubplan"]),
        .executable(name: "hubplan-fuzz", targets: ["hubplan-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.0"),
    ],
    targets: [
        // glpk.h and libglpk, from Debian's libglpk-dev (no pkg-config file).
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // The only C code: guards GLPK's fatal errors with setjmp/longjmp.
        .target(name: "GLPKShim", dependencies: ["CGLPK"], path: "Sources/GLPKShim"),
        .target(name: "Solver", dependencies: ["GLPKShim", "CGLPK"]),
        // Excel workbooks (.xlsx, SpreadsheetML) read and written: ZIPFoundation for the
        // package, XMLCoder for the parts; knows cells and sheets, nothing of the domain.
        .target(name: "Workbook", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "XMLCoder", package: "XMLCoder"),
        ]),
        .target(name: "HubModel", dependencies: [
            "Yams", "Workbook",
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        .target(name: "Forecast", dependencies: ["HubModel"]),
        .target(name: "Planner", dependencies: ["HubModel", "Solver"]),
        .target(name: "Reports", dependencies: ["HubModel", "Planner", "Forecast", "Workbook"]),
        // National runs: shards of hubs and what-ifs into a shared results folder, and their merge.
        .target(name: "National", dependencies: ["HubModel", "Planner", "Forecast", "Reports"]),
        // The history of runs in SQLite (GRDB): which command ran on which inputs, with what result.
        .target(name: "RunHistory", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // The web app's forms: bodies decoded by Hummingbird's own decoder, fields checked.
        // Apart from the server so the fuzz target links the decoding, not the app.
        .target(name: "WebForms", dependencies: [
            "HubModel", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // The local web app: pages, what-if jobs with live progress, downloads.
        .target(name: "WebApp", dependencies: [
            "HubModel", "Planner", "Reports", "Forecast", "RunHistory", "WebForms",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // Every parser of outside files behind one entry point, for libFuzzer and the regression tests.
        .target(name: "FuzzTargets", dependencies: [
            "HubModel", "Forecast", "Solver", "WebForms", "Workbook", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // libFuzzer's driver when built by scripts/fuzz.sh; otherwise a replayer of inputs.
        .executableTarget(name: "hubplan-fuzz", dependencies: ["FuzzTargets", "HubModel"]),
        .executableTarget(name: "hubplan", dependencies: [
            "Solver", "HubModel", "Forecast", "Planner", "Reports", "RunHistory", "WebApp", "National",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "SolverTests", dependencies: ["Solver"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HubModelTests", dependencies: ["HubModel", "Workbook"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "HubModel", "Solver"], exclude: ["Fixtures"]),
        .testTarget(name: "ForecastTests", dependencies: ["Forecast", "HubModel"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Planner", "HubModel", "Forecast", "Workbook"], exclude: ["Golden"]),
        .testTarget(name: "RunHistoryTests", dependencies: ["RunHistory"]),
        .testTarget(name: "NationalTests", dependencies: ["National", "HubModel", "Planner"]),
        .testTarget(name: "WebAppTests", dependencies: [
            "WebApp", "WebForms", "HubModel", "RunHistory", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "hubplanTests", dependencies: ["hubplan"]),
        // Every input the fuzzer kept (fuzz/corpus) and every crash it found (fuzz/crashes), replayed.
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "HubModel"]),
        // Round trips and invariants over generated scenarios (swift-property-based).
        .testTarget(name: "PropertyTests", dependencies: [
            "HubModel", "Planner", "FuzzTargets", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)
