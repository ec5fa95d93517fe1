import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XMLCoder
import ZIPFoundation

/// Reads the cell values of an Excel workbook (.xlsx): sheets by name, shared
/// and inline strings, numbers, booleans, error values, dates (1900 and 1904
/// systems) and the cached values of formulas.
///
/// Sizes are checked before anything is inflated or parsed, so a workbook
/// with a million rows or a ZIP bomb is refused quickly with a clear error.
public final class WorkbookReader {
    /// What the reader takes before it refuses a workbook.
    public struct Limits: Sendable {
        /// Largest uncompressed part (one sheet's XML, the shared strings), in bytes.
        public var partBytes: UInt64 = 32 * 1_048_576
        /// Highest row number of a sheet.
        public var rows: Int = 100_000
        /// Largest file read at all.
        public var fileBytes: UInt64 = 256 * 1_048_576

        public init() {}
    }

    /// One sheet as the workbook lists it.
    public struct SheetInfo: Sendable, Equatable {
        public var name: String
        /// Hidden or very hidden in Excel: still read like any other.
        public var hidden: Bool
        /// The part that holds the sheet's cells.
        var part: String
    }

    /// A sheet's cells, row by row; empty rows and cells are left out.
    public struct Sheet: Sendable {
        public struct Row: Sendable {
            /// Row number as Excel shows it (1-based).
            public var number: Int
            /// (1-based column, value), in column order.
            public var cells: [(column: Int, value: CellValue)]
        }
        public var name: String
        public var rows: [Row]
    }

    public let sheets: [SheetInfo]
    /// The workbook counts days from 1904-01-01 (old Mac Excel) instead of 1900.
    public let date1904: Bool
    private let archive: Archive
    private let limits: Limits
    private let dateStyles: Set<Int>
    private var sharedStrings: [String]?
    private let sharedStringsPart: String?

    /// Opens a workbook held in memory.
    ///
    /// - Throws: ``WorkbookError``: not a ZIP, encrypted, not a workbook, damaged or too large.
    public convenience init(data: Data, limits: Limits = Limits()) throws {
        try Self.checkHead(data.prefix(8), size: UInt64(data.count), limits: limits)
        // ZIPFoundation's in-memory archives trap on a damaged ZIP (a read past the end,
        // found by the fuzzer); its file-backed ones report an error. So the bytes go
        // to a private temporary file, unlinked as soon as it is open.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hubplan-workbook-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try self.init(opening: file, limits: limits)
    }

    /// Opens a workbook file.
    public convenience init(url: URL, limits: Limits = Limits()) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value ?? 0
        let handle = try FileHandle(forReadingFrom: url)
        let head = try handle.read(upToCount: 8) ?? Data()
        try? handle.close()
        try Self.checkHead(head, size: size, limits: limits)
        try self.init(opening: url, limits: limits)
    }

    /// Refuses what is not a ZIP package before ZIPFoundation sees it.
    static func checkHead(_ head: Data, size: UInt64, limits: Limits) throws {
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw WorkbookError.encrypted }
        // "PK\3\4" (or an empty archive's "PK\5\6"): anything else is not a ZIP package.
        guard size >= 22, head.starts(with: [0x50, 0x4B]) else { throw WorkbookError.notAZip }
        guard size <= limits.fileBytes else { throw WorkbookError.tooLarge(part: "the file", bytes: size, limit: limits.fileBytes) }
    }

    private init(opening url: URL, limits: Limits) throws {
        self.limits = limits
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw WorkbookError.notAZip }
        self.archive = archive
        guard archive["xl/workbook.xml"] != nil || archive["[Content_Types].xml"] != nil else {
            throw WorkbookError.notAWorkbook("no xl/workbook.xml")
        }
        let workbookPath = try Self.mainPart(archive, limits: limits)
        let workbook: WorkbookPart = try Self.decode(archive, workbookPath, limits: limits, root: "workbook")
        let folder = (workbookPath as NSString).deletingLastPathComponent
        let relsPath = folder + "/_rels/" + (workbookPath as NSString).lastPathComponent + ".rels"
        let rels: RelationshipsPart = archive[relsPath] == nil ? RelationshipsPart() : try Self.decode(archive, relsPath, limits: limits, root: "Relationships")
        let targets = Dictionary((rels.Relationship ?? []).map { ($0.Id, Self.resolve($0.Target, in: folder)) }, uniquingKeysWith: { a, _ in a })
        var infos: [SheetInfo] = []
        for (i, entry) in (workbook.sheets?.sheet ?? []).enumerated() {
            let part = entry.relationship.flatMap { targets[$0] } ?? "\(folder)/worksheets/sheet\(i + 1).xml"
            infos.append(SheetInfo(name: entry.name, hidden: entry.state == "hidden" || entry.state == "veryHidden", part: part))
        }
        if infos.isEmpty { throw WorkbookError.notAWorkbook("it lists no sheets") }
        sheets = infos
        let flag = workbook.workbookPr?.date1904?.lowercased()
        date1904 = flag == "1" || flag == "true"
        let sharedType = "relationships/sharedStrings", stylesType = "relationships/styles"
        sharedStringsPart = (rels.Relationship ?? []).first { $0.Type?.hasSuffix(sharedType) == true }.map { Self.resolve($0.Target, in: folder) }
            ?? (archive["\(folder)/sharedStrings.xml"] != nil ? "\(folder)/sharedStrings.xml" : nil)
        let stylesPath = (rels.Relationship ?? []).first { $0.Type?.hasSuffix(stylesType) == true }.map { Self.resolve($0.Target, in: folder) }
            ?? "\(folder)/styles.xml"
        var dates: Set<Int> = []
        if archive[stylesPath] != nil {
            let styles: StylesPart = try Self.decode(archive, stylesPath, limits: limits, root: "styleSheet")
            var custom: [Int: String] = [:]
            for f in styles.numFmts?.numFmt ?? [] { if let id = Int(f.numFmtId) { custom[id] = f.formatCode ?? "" } }
            for (index, xf) in (styles.cellXfs?.xf ?? []).enumerated() {
                guard let id = Int(xf.numFmtId ?? "0") else { continue }
                let isDate = custom[id].map { NumberFormats.isDate(code: $0) } ?? NumberFormats.builtInDates.contains(id)
                if isDate { dates.insert(index) }
            }
        }
        dateStyles = dates
    }

    /// The sheet of that name, matched without regard to case (Excel's own rule).
    public func info(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Reads the cells of one sheet.
    ///
    /// - Throws: ``WorkbookError/missingSheet(_:)``, or a size or parse error of its part.
    public func sheet(named name: String) throws -> Sheet {
        guard let info = info(named: name) else { throw WorkbookError.missingSheet(name) }
        guard archive[info.part] != nil else { throw WorkbookError.notAWorkbook("sheet '\(info.name)' has no part \(info.part)") }
        // The size is checked before inflating, the row count before parsing.
        let bytes = try Self.bytes(archive, info.part, limits: limits)
        try Self.checkRowCount(bytes, sheet: info.name, limit: limits.rows)
        let part: WorksheetPart = try Self.decode(bytes, info.part)
        if let ref = part.dimension?.ref, let last = ref.split(separator: ":").last, let (_, row) = ColumnName.parse(String(last)), row > limits.rows {
            throw WorkbookError.tooManyRows(sheet: info.name, rows: row, limit: limits.rows)
        }
        var rows: [Sheet.Row] = []
        var nextRow = 1
        for row in part.sheetData?.row ?? [] {
            let number = row.r.flatMap { Int($0) } ?? nextRow
            guard number >= 1 else { throw WorkbookError.malformed(part: info.part, detail: "row number \(row.r ?? "")") }
            if number > limits.rows { throw WorkbookError.tooManyRows(sheet: info.name, rows: number, limit: limits.rows) }
            nextRow = number + 1
            var cells: [(column: Int, value: CellValue)] = []
            var nextColumn = 1
            for cell in row.c ?? [] {
                var column = nextColumn
                if let r = cell.r {
                    guard let (c, _) = ColumnName.parse(r) else { throw WorkbookError.malformed(part: info.part, detail: "cell reference '\(r)'") }
                    column = c
                }
                nextColumn = column + 1
                if let value = try value(of: cell, part: info.part) { cells.append((column, value)) }
            }
            if !cells.isEmpty { rows.append(Sheet.Row(number: number, cells: cells.sorted { $0.column < $1.column })) }
        }
        return Sheet(name: info.name, rows: rows.sorted { $0.number < $1.number })
    }

    /// A cell's value; nil for an empty cell (a formatted blank, a formula never calculated is an error).
    private func value(of cell: WorksheetPart.Cell, part: String) throws -> CellValue? {
        let raw = cell.v?.value
        switch cell.t ?? "n" {
        case "s":
            guard let raw, let index = Int(raw.trimmingCharacters(in: .whitespaces)) else { return nil }
            let strings = try loadSharedStrings()
            guard strings.indices.contains(index) else {
                throw WorkbookError.malformed(part: part, detail: "shared string \(index) of \(strings.count)")
            }
            return .text(strings[index])
        case "inlineStr":
            return cell.is.map { .text($0.text) } ?? raw.map { .text($0) }
        case "str":
            return .text(raw ?? "")
        case "b":
            guard let raw else { return nil }
            return .bool(raw.trimmingCharacters(in: .whitespaces) == "1" || raw.lowercased() == "true")
        case "e":
            return .error(raw ?? "#N/A")
        case "d":
            // ISO 8601 text dates (strict Open XML); passed on as text in the same form.
            return raw.map { .text($0) }
        default:
            guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
                return cell.f != nil ? .error("formula without a saved value") : nil
            }
            guard let x = Double(raw), x.isFinite else { throw WorkbookError.malformed(part: part, detail: "number '\(raw.prefix(40))'") }
            if let s = cell.s.flatMap({ Int($0) }), dateStyles.contains(s), let date = ExcelSerial.date(x, date1904: date1904) {
                return .date(date)
            }
            return .number(x)
        }
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let path = sharedStringsPart, archive[path] != nil {
            let part: SharedStringsPart = try Self.decode(archive, path, limits: limits, root: "sst")
            strings = (part.si ?? []).map(\.text)
        }
        sharedStrings = strings
        return strings
    }

    // MARK: package

    /// The main part named by the package relationships (`xl/workbook.xml` in every file Excel writes).
    private static func mainPart(_ archive: Archive, limits: Limits) throws -> String {
        if archive["_rels/.rels"] != nil {
            let rels: RelationshipsPart = try decode(archive, "_rels/.rels", limits: limits, root: "Relationships")
            if let main = rels.Relationship?.first(where: { $0.Type?.hasSuffix("/officeDocument") == true }) {
                let path = resolve(main.Target, in: "")
                if archive[path] != nil { return path }
            }
        }
        guard archive["xl/workbook.xml"] != nil else { throw WorkbookError.notAWorkbook("no xl/workbook.xml") }
        return "xl/workbook.xml"
    }

    /// A relationship target as a path inside the package.
    static func resolve(_ target: String, in folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for p in target.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// Inflates one part, refusing it past the size limit (the size the ZIP
    /// declares is checked first, then the bytes actually inflated).
    static func bytes(_ archive: Archive, _ path: String, limits: Limits) throws -> Data {
        guard let entry = archive[path] else { throw WorkbookError.notAWorkbook("no \(path)") }
        if entry.uncompressedSize > limits.partBytes {
            throw WorkbookError.tooLarge(part: path, bytes: entry.uncompressedSize, limit: limits.partBytes)
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if UInt64(data.count) > limits.partBytes { throw WorkbookError.tooLarge(part: path, bytes: UInt64(data.count), limit: limits.partBytes) }
            }
        } catch let e as WorkbookError {
            throw e
        } catch {
            throw WorkbookError.malformed(part: path, detail: "cannot be unpacked: \(error)")
        }
        return data
    }

    /// Counts the rows of a sheet's XML without parsing it, so a sheet of a
    /// million rows is refused in a blink rather than after building its tree.
    static func checkRowCount(_ data: Data, sheet: String, limit: Int) throws {
        if let last = data.range(of: Data("<row ".utf8), options: .backwards) {
            let tail = data[last.upperBound..<min(data.endIndex, last.upperBound + 200)]
            if let r = tail.range(of: Data("r=\"".utf8)) {
                let digits = tail[r.upperBound...].prefix { $0 >= 48 && $0 <= 57 }.prefix(9)
                if let n = Int(String(decoding: digits, as: UTF8.self)), n > limit { throw WorkbookError.tooManyRows(sheet: sheet, rows: n, limit: limit) }
            }
        }
        // `<row ` or `<row>` opens a row (`<rowBreaks>` does not); memchr finds each '<' quickly.
        let count = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var count = 0, offset = 0
            let n = raw.count
            while offset < n, let hit = memchr(base + offset, 0x3C, n - offset) {
                let i = UnsafeRawPointer(hit) - base
                if i + 4 < n, raw[i + 1] == 0x72, raw[i + 2] == 0x6F, raw[i + 3] == 0x77, raw[i + 4] == 0x20 || raw[i + 4] == 0x3E {
                    count += 1
                    if count > limit { break }
                }
                offset = i + 1
            }
            return count
        }
        if count > limit { throw WorkbookError.tooManyRows(sheet: sheet, rows: count, limit: limit) }
    }

    static func decode<T: Decodable>(_ archive: Archive, _ path: String, limits: Limits, root: String) throws -> T {
        try decode(try bytes(archive, path, limits: limits), path)
    }

    private static let parsing = NSLock()

    static func decode<T: Decodable>(_ data: Data, _ path: String) throws -> T {
        // Foundation's XMLParser traps on a name that is not UTF-8 (seen by the fuzzer):
        // SpreadsheetML parts are UTF-8, so anything else is refused before parsing.
        guard String(data: data, encoding: .utf8) != nil else {
            throw WorkbookError.malformed(part: path, detail: "not UTF-8 text")
        }
        // A DOCTYPE could declare entities; SpreadsheetML never has one.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw WorkbookError.malformed(part: path, detail: "it declares a DOCTYPE")
        }
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        decoder.shouldProcessNamespaces = false
        // Foundation's XMLParser on Linux is not safe to run on two threads at once
        // (two workbooks read in parallel tests crashed inside it): one parse at a time.
        parsing.lock()
        defer { parsing.unlock() }
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw WorkbookError.malformed(part: path, detail: Self.brief(error))
        }
    }

    private static func brief(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
                return String(c.debugDescription.prefix(120))
            @unknown default: break
            }
        }
        return String("\(error)".prefix(120))
    }
}
