import ArgumentParser
import Foundation
import HubModel

/// `hubplan export SCENARIO --xlsx FILE | --folder DIR`: a scenario as one workbook, or a workbook as a folder.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scenario (folder or workbook) as an Excel workbook (--xlsx) or as a scenario folder (--folder).",
        discussion: "The scenario is loaded and checked first; the result loads back to the same scenario and plan. Exit codes: 0 written, 2 bad input or the output cannot be written.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Option(help: "Write the scenario as this workbook (.xlsx): a settings sheet and a sheet per table.") var xlsx: String?
    @Option(help: "Write the scenario as this folder: scenario.yaml and the CSV files (other files in it are kept).") var folder: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (xlsx == nil) == (folder == nil) { throw ValidationError("give one of --xlsx FILE or --folder DIR") }
    }

    func run() throws {
        let scenario = try loadScenario(directory)
        let target: String
        do {
            if let xlsx {
                target = xlsx
                try AtomicFile.write(try ScenarioWriter.workbook(scenario), to: URL(fileURLWithPath: xlsx))
            } else {
                target = folder!
                let out = try OutputFolder(replacing: URL(fileURLWithPath: target))
                for (name, text) in ScenarioWriter.files(scenario) { try out.write(text, to: name) }
                try out.commit()
            }
        } catch {
            throw CommandFailure.badInput("\(xlsx ?? folder ?? ""): cannot write the scenario: \(error)")
        }
        if output.json {
            JSONOutput.print(String(decoding: try JSONSerialization.data(withJSONObject: ["written": target, "from": directory], options: [.sortedKeys]), as: UTF8.self))
        } else if !output.quiet {
            print("wrote \(target)")
        }
    }
}
