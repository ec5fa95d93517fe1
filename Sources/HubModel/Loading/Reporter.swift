/// Where loaders put the problems they find (a class, so nested readers share it).
final class Reporter {
    var diagnostics = Diagnostics()

    func error(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        diagnostics.error(file, row: row, column: column, message)
    }

    func warning(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        diagnostics.warning(file, row: row, column: column, message)
    }
}
