import Foundation
import Workbook

extension ScenarioWriter {
    /// Columns written as numbers, so Excel sums and sorts them.
    static let numericColumns: Set<String> = [
        "latitude", "longitude", "participants", "days_per_half_term", "days_per_year", "day_rate", "capacity_days",
        "audit_days", "day_cost", "capacity",
    ]
    /// Columns written as Excel dates.
    static let dateColumns: Set<String> = ["first_day", "last_day", "date", "from", "to"]

    /// The scenario as one workbook the loader reads back: a `settings` sheet
    /// with `scenario.yaml` a line a row, then a sheet per CSV file with the
    /// same columns, numbers as numbers and dates as Excel dates.
    public static func workbook(_ s: Scenario) throws -> Data { try WorkbookWriter.data(workbookSheets(s)) }

    /// The sheets of ``workbook(_:)``.
    static func workbookSheets(_ s: Scenario) -> [SheetTable] {
        var sheets: [SheetTable] = [
            SheetTable(name: WorkbookSource.settingsSheet, columns: [.init("scenario.yaml", width: 100)],
                       rows: yaml(s).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { [.text(String($0))] },
                       header: false),
        ]
        for (spec, rows) in tables(s) {
            let names = spec.1.map(\.name)
            var sheet = SheetTable(
                name: WorkbookSource.sheetName(spec.0) ?? spec.0,
                columns: names.map { SheetTable.Column($0, dateColumns.contains($0) ? .isoDate : .general) },
                rows: rows.map { row in
                    zip(names, row).map { name, text -> SheetTable.Value? in
                        if text.isEmpty { return nil }
                        if numericColumns.contains(name), let x = Double(text) { return .number(x) }
                        if dateColumns.contains(name), let d = Day(iso: text) {
                            let c = d.components
                            return .date(year: c.year, month: c.month, day: c.day, minutes: nil)
                        }
                        return .text(text)
                    }
                })
            sheet.fitWidths()
            sheets.append(sheet)
        }
        return sheets
    }
}
