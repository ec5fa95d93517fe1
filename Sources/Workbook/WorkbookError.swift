/// Why a file cannot be read as a workbook; each case's text says what to do.
public enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a ZIP package at all (a CSV, a PDF, a truncated download): save it from Excel as .xlsx.
    case notAZip
    /// An OLE compound file: a password-protected workbook or an old .xls; save it without a password as .xlsx.
    case encrypted
    /// A ZIP without the parts of a workbook (no `xl/workbook.xml`, say): a .docx or a plain archive.
    case notAWorkbook(String)
    /// A part that does not parse as the XML it should be.
    case malformed(part: String, detail: String)
    /// A part larger than the reader takes (uncompressed bytes): split the data or remove what is not needed.
    case tooLarge(part: String, bytes: UInt64, limit: UInt64)
    /// A sheet with more rows than the reader takes.
    case tooManyRows(sheet: String, rows: Int, limit: Int)
    /// No sheet of that name.
    case missingSheet(String)

    public var description: String {
        switch self {
        case .notAZip:
            return "not an Excel workbook (not a ZIP package); save it from Excel as 'Excel Workbook (.xlsx)'"
        case .encrypted:
            return "a password-protected (encrypted) workbook or an old .xls file; save it without a password as 'Excel Workbook (.xlsx)'"
        case .notAWorkbook(let why):
            return "a ZIP file but not an Excel workbook (\(why)); save it from Excel as 'Excel Workbook (.xlsx)'"
        case .malformed(let part, let detail):
            return "damaged workbook: \(part) is not valid SpreadsheetML (\(detail)); open and save it again in Excel"
        case .tooLarge(let part, let bytes, let limit):
            return "\(part) holds \(bytes / 1_048_576) MiB of XML, more than the \(limit / 1_048_576) MiB this reader takes; remove rows or sheets that are not part of the scenario"
        case .tooManyRows(let sheet, let rows, let limit):
            return "sheet '\(sheet)' has rows up to row \(rows), more than the \(limit) this reader takes; delete the rows below the data"
        case .missingSheet(let name):
            return "no sheet named '\(name)'"
        }
    }
}
