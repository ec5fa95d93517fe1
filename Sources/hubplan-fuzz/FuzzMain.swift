import Foundation
import FuzzTargets
import HubModel

// Built two ways:
// - by scripts/fuzz.sh with `-sanitize=fuzzer -D FUZZING`: the entry point hands over
//   to libFuzzer's driver, which calls the two functions below; HUBPLAN_FUZZ_TARGET
//   names the target;
// - by a plain `swift build`: a replayer, `hubplan-fuzz TARGET FILE...`, that runs
//   inputs (a crash file, a corpus) through the same harness without the fuzzer.

#if FUZZING
nonisolated(unsafe) private var harness: FuzzHarness?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: Argv) -> CInt {
    let name = ProcessInfo.processInfo.environment["HUBPLAN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("hubplan-fuzz: set HUBPLAN_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    do {
        harness = try FuzzHarness(target)
    } catch {
        FileHandle.standardError.write(Data("hubplan-fuzz: cannot set up \(name): \(error)\n".utf8))
        exit(2)
    }
    return 0
}

public typealias Argv = UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>

/// libFuzzer's driver (public API since LLVM 11), for programs with their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: Argv,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// SwiftPM links an executable's entry point as `main` = `<module>_main`, so
// libFuzzer's own `main` is not used; this one starts its driver instead.
@_cdecl("hubplan_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzerTestOneInput(bytes, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    harness?.run(Data(bytes: bytes, count: count))
    return 0
}
#else
@main
struct Replay {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == "--write-small-scenario" {
            // The scenario the table targets vary, for making seeds (fuzz/README.md).
            try ScenarioWriter.write(FuzzHarness.smallScenario(), to: URL(fileURLWithPath: arguments[1]))
            return
        }
        if arguments.count == 2, arguments[0] == "--write-small-workbook" {
            // The small scenario, cut to 4 schools so it fits libFuzzer's 16 KiB inputs, as a workbook, for the `workbook` target's seeds (fuzz/README.md).
            try ScenarioWriter.workbook(FuzzHarness.smallScenario(schools: 4)).write(to: URL(fileURLWithPath: arguments[1]))
            return
        }
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count >= 2 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: hubplan-fuzz \(names) FILE_OR_FOLDER...\n".utf8))
            exit(2)
        }
        let harness = try FuzzHarness(target)
        var count = 0
        for path in arguments.dropFirst() {
            for file in inputs(path) {
                harness.run(try Data(contentsOf: file))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) input(s) ran without a crash")
    }

    /// A file, or every regular file in a folder, in name order.
    static func inputs(_ path: String) -> [URL] {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [url] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
    }
}
#endif
