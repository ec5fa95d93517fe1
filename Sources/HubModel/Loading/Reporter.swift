/// Where loaders put the problems they find (a class, so nested readers share it).
///
/// Loaders name the scenario's files (`schools.csv`, `scenario.yaml`); when the
/// scenario is a workbook, the reporter places each problem on its sheet
/// instead (`hub.xlsx:schools!C14`), so every check keeps one wording whatever
/// the source.
final class Reporter {
    var diagnostics = Diagnostics()
    /// Set when reading a workbook: its name, and the sheet of each scenario file.
    var workbook: (name: String, sheetOf: (String) -> String?)?

    func error(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        let (file, sheet, column) = place(file, column)
        diagnostics.error(file, sheet: sheet, row: row, column: column, message)
    }

    func warning(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        let (file, sheet, column) = place(file, column)
        diagnostics.warning(file, sheet: sheet, row: row, column: column, message)
    }

    private func place(_ file: String, _ column: Int?) -> (String, String?, Int?) {
        guard let workbook, let sheet = workbook.sheetOf(file) else { return (file, nil, column) }
        // The settings sheet holds scenario.yaml a line a row in column A: a YAML column is a place in that cell.
        return (workbook.name, sheet, file == ScenarioFiles.yaml ? 1 : column)
    }
}
