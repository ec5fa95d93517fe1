import Forecast
import Foundation
import HubModel
import Solver
import WebForms
import Workbook
import ZIPFoundation

/// The parsers HubPlan exposes to files from outside, one fuzzing target each.
///
/// The fuzzing executable (`hubplan-fuzz`, built with `-sanitize=fuzzer` by
/// `scripts/fuzz.sh`) and the regression tests both feed bytes through
/// ``FuzzHarness/run(_:)``, so a crash the fuzzer finds is replayed by the tests
/// exactly as the fuzzer saw it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// One table of a scenario folder (the first byte picks which), the rest a valid scenario.
    case scenarioCSV = "scenario-csv"
    /// `scenario.yaml` of a scenario folder.
    case scenarioYAML = "scenario-yaml"
    /// A what-if overlay applied to a valid scenario (forecast demand included).
    case overlay
    /// The forecaster's series CSV, then the cheap forecasting methods on what it read.
    case series
    /// MPS (the first byte picks free or fixed), then a short solve of a small model and a write back.
    case mps
    /// CPLEX LP, then a short solve of a small model and a write back.
    case lp
    /// A form body POSTed to the web app, read as the what-if and the re-plan form; a
    /// what-if that passes its checks must make an overlay that loads and applies (a trap otherwise).
    case webForm = "web-form"
    /// A scenario workbook. An even first byte: the rest is the whole .xlsx file. An odd
    /// first byte: the rest is one XML part (the next byte's choice of ``FuzzHarness/workbookParts``)
    /// packed into the small scenario's workbook, so mutations reach the XML readers past the ZIP's checksums.
    case workbook
}

/// Feeds bytes to one parser, in a private working folder.
///
/// Errors the parsers throw are the expected outcome for most inputs and are
/// swallowed; a trap (overflow, bad index, GLPK abort escaping the guard) is
/// the failure the fuzzer looks for.
public final class FuzzHarness {
    public let target: FuzzTarget
    private let folder: URL
    private let scenarioFolder: URL
    private var originals: [String: Data] = [:]
    private var base: Scenario?
    private var baseWorkbook: Data?

    /// The parts of the small scenario's workbook a `workbook` input may replace.
    public static let workbookParts = [
        "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet9.xml", "xl/styles.xml", "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/sharedStrings.xml",
    ]

    /// The table files of a scenario, in the order the first byte of a `scenario-csv` input picks them.
    public static let tables = [
        "schools.csv", "enrolment.csv", "facilitators.csv", "advisers.csv", "focus_schools.csv", "venues.csv",
        "rooms.csv", "calendar.csv", "closures.csv", "unavailability.csv", "history.csv",
    ]

    /// Sets up the working folder; the scenario targets get a small generated scenario to vary.
    public init(_ target: FuzzTarget) throws {
        self.target = target
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hubplan-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(target.rawValue)-\(UUID().uuidString.prefix(8))")
        scenarioFolder = folder.appendingPathComponent("scenario")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch target {
        case .scenarioCSV, .scenarioYAML, .overlay, .webForm:
            // Overlays and forms: the reference scenario (M, seed 2026), so the shipped what-ifs
            // are valid seeds. Tables: S cut down to 20 schools, which still has every
            // kind of row and loads three times as often per second.
            if target == .overlay || target == .webForm {
                try ScenarioGenerator(size: .m, seed: 2026).write(to: scenarioFolder)
            } else {
                try ScenarioWriter.write(Self.smallScenario(), to: scenarioFolder)
            }
            for name in Self.tables + [ "scenario.yaml" ] {
                originals[name] = try Data(contentsOf: scenarioFolder.appendingPathComponent(name))
            }
            if target == .overlay || target == .webForm { base = try ScenarioLoader.load(scenarioFolder).scenario }
        case .workbook:
            baseWorkbook = try ScenarioWriter.workbook(Self.smallScenario())
        case .series, .mps, .lp:
            break
        }
    }

    /// The S scenario with its first `schools` schools and what refers to them:
    /// small enough to load or plan in a blink, with every kind of row.
    public static func smallScenario(seed: UInt64 = 7, schools: Int = 20) -> Scenario {
        var s = ScenarioGenerator(size: .s, seed: seed).scenarios()[0].scenario
        s.schools = Array(s.schools.prefix(schools))
        let kept = Set(s.schools.map(\.id))
        s.enrolment.removeAll { !kept.contains($0.school) }
        s.focusSchools.removeAll { !kept.contains($0.school) }
        s.calendar.closures.removeAll { $0.school.map { !kept.contains($0) } ?? false }
        for i in s.facilitators.indices where !kept.contains(s.facilitators[i].employerSchool ?? "") {
            s.facilitators[i].employerSchool = nil
        }
        return s
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs one input through the target's parser (and what follows it in a real run).
    public func run(_ data: Data) {
        switch target {
        case .scenarioCSV:
            guard let first = data.first else { return }
            replaceAndLoad(Self.tables[Int(first) % Self.tables.count], with: data.dropFirst())
        case .scenarioYAML:
            replaceAndLoad("scenario.yaml", with: data)
        case .overlay:
            let url = folder.appendingPathComponent("overlay.yaml")
            guard write(data, to: url), let base else { return }
            if let overlay = try? Overlay.load(url, base: base) { _ = try? overlay.applyWithForecast(to: base) }
        case .series:
            let url = folder.appendingPathComponent("series.csv")
            guard write(data, to: url), let all = try? SeriesFile.read(url) else { return }
            for s in all.prefix(8) where s.values.count <= 60 {
                for method in [ForecastMethod.naive, .ses, .theta, .auto] { _ = method.forecast(s.values, horizon: 3) }
            }
        case .mps:
            guard let first = data.first else { return }
            readSolveWrite(data.dropFirst(), format: first % 2 == 0 ? .freeMPS : .fixedMPS, name: "model.mps")
        case .lp:
            readSolveWrite(data, format: .cplexLP, name: "model.lp")
        case .webForm:
            guard let base else { return }
            readForms(data, base: base)
        case .workbook:
            guard let first = data.first else { return }
            let rest = data.dropFirst()
            let bytes: Data
            if first % 2 == 0 {
                bytes = Data(rest)
            } else {
                guard let choice = rest.first, let base = baseWorkbook,
                      let packed = Self.repack(base, part: Self.workbookParts[Int(choice) % Self.workbookParts.count], with: Data(rest.dropFirst())) else { return }
                bytes = packed
            }
            let url = folder.appendingPathComponent("hub.xlsx")
            guard write(bytes, to: url) else { return }
            _ = ScenarioLoader.check(url)
            // Sheets the scenario does not name are read too: the reader must not trap on any.
            if let reader = try? WorkbookReader(data: bytes) {
                for sheet in reader.sheets.prefix(20) { _ = try? reader.sheet(named: sheet.name) }
            }
        }
    }

    /// The workbook `base` with `part` replaced by (or added as) `bytes`.
    public static func repack(_ base: Data, part: String, with bytes: Data) -> Data? {
        guard let source = try? Archive(data: base, accessMode: .read, pathEncoding: nil),
              let out = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return nil }
        func add(_ path: String, _ data: Data) throws {
            try out.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        do {
            for entry in source where entry.path != part {
                var data = Data()
                _ = try source.extract(entry) { data.append($0) }
                try add(entry.path, data)
            }
            try add(part, bytes)
        } catch {
            return nil
        }
        return out.data
    }

    /// What the server does with a POST body before any job starts: decode, check, make the overlay.
    private func readForms(_ data: Data, base: Scenario) {
        if let whatIf = try? FormBody.decode(PostedForm<WhatIfForm>.self, from: data, contentType: FormBody.contentType).fields,
           whatIf.problems(for: base).isEmpty {
            let url = folder.appendingPathComponent("form-overlay.yaml")
            guard write(Data(whatIf.yaml.utf8), to: url) else { return }
            // Loaded and applied without the forecast step: the `overlay` target fuzzes that,
            // and its ETS fits (seconds under ASan) would leave this target a few runs a second.
            do {
                _ = try Overlay.load(url, base: base).apply(to: base)
            } catch {
                preconditionFailure("a what-if form that passed its checks made an overlay that does not load: \(error)\n\(whatIf.yaml)")
            }
        }
        if let replan = try? FormBody.decode(PostedForm<ReplanForm>.self, from: data, contentType: FormBody.contentType).fields,
           replan.problems(for: base).isEmpty {
            precondition(replan.day(in: base) != nil, "a re-plan form that passed its checks has no date")
        }
    }

    private func replaceAndLoad(_ file: String, with data: Data) {
        let url = scenarioFolder.appendingPathComponent(file)
        defer { _ = write(originals[file] ?? Data(), to: url) }
        guard write(data, to: url) else { return }
        _ = ScenarioLoader.check(scenarioFolder)
    }

    private func readSolveWrite(_ data: Data, format: ModelFileFormat, name: String) {
        let url = folder.appendingPathComponent(name)
        guard write(data, to: url), let model = try? Model.read(from: url.path, format: format) else { return }
        // Small models only: the fuzzer wants many executions per second, not long solves.
        if model.variables.count <= 40 && model.constraints.count <= 40 {
            _ = try? GLPKSolver.solve(model, options: SolveOptions(timeLimit: 0.2))
        }
        _ = try? model.write(to: folder.appendingPathComponent("back.lp").path, format: .cplexLP)
    }

    private func write(_ data: Data, to url: URL) -> Bool {
        (try? data.write(to: url)) != nil
    }
}
