import Foundation
import GRDB

/// One run of a command, as the history keeps it.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    /// ISO 8601, UTC.
    public var time: String
    /// `plan`, `whatif`, `replan`, `forecast`.
    public var command: String
    /// The scenario folder the run read.
    public var scenario: String
    /// Fingerprint of every input file (FNV-1a 64 over names and bytes, in name order).
    public var inputs: String
    /// Settings as JSON (time limit, gap, method, overlay, …).
    public var settings: String
    /// Key figures as JSON (status, objective, bound, gap, …).
    public var kpis: String
    /// Files written, as a JSON array of paths.
    public var outputs: String

    public init(time: String, command: String, scenario: String, inputs: String, settings: String, kpis: String, outputs: String) {
        self.time = time
        self.command = command
        self.scenario = scenario
        self.inputs = inputs
        self.settings = settings
        self.kpis = kpis
        self.outputs = outputs
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The run history: an SQLite database with a rollback journal and a busy
/// timeout, so two processes can record runs at once without corrupting it.
///
/// A rollback journal rather than WAL, so that a reader (``init(readingFrom:)``)
/// leaves no trace: a WAL reader creates `-wal` and `-shm` files beside the
/// database even when it opens it read-only. A database an earlier version made
/// in WAL mode is switched back by its next writer.
public final class RunStore: Sendable {
    let db: any DatabaseWriter
    public let path: String

    /// Opens (creating if needed) the database at `path` for recording runs.
    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        // Best effort: a WAL database another process has open stays WAL until later.
        config.prepareDatabase { db in try? db.execute(sql: "PRAGMA journal_mode = DELETE") }
        db = try DatabaseQueue(path: path, configuration: config)
        // The table is made in an immediate transaction, if it is not there yet, rather than by
        // GRDB's migrator: two processes recording their first runs at once both read "no
        // migration applied" and the second then failed on "table run already exists".
        // An immediate transaction takes the write lock first, so the busy timeout applies.
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.create(table: RunRecord.databaseTableName, ifNotExists: true) { t in
                    t.autoIncrementedPrimaryKey("id")
                    t.column("time", .text).notNull()
                    t.column("command", .text).notNull()
                    t.column("scenario", .text).notNull()
                    t.column("inputs", .text).notNull()
                    t.column("settings", .text).notNull()
                    t.column("kpis", .text).notNull()
                    t.column("outputs", .text).notNull()
                }
                return .commit
            }
        }
    }

    /// Opens an existing database only to read it: nothing is created, migrated or written.
    ///
    /// - Throws: when the file does not exist or is not a run history.
    public init(readingFrom path: String) throws {
        self.path = path
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        db = try DatabaseQueue(path: path, configuration: config)
        guard try db.read({ db in try db.tableExists(RunRecord.databaseTableName) }) else { throw NotARunHistory(path: path) }
    }

    /// A database without the run table: not a file HubPlan wrote.
    public struct NotARunHistory: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) is an SQLite database but not a HubPlan run history (no run table)" }
    }

    /// Stores a run and returns its id.
    @discardableResult
    public func record(_ run: RunRecord) throws -> Int64 {
        var r = run
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try r.insert(db)
                return .commit
            }
        }
        return r.id ?? 0
    }

    public func all() throws -> [RunRecord] {
        try db.read { db in try RunRecord.order(Column("id")).fetchAll(db) }
    }

    public func run(_ id: Int64) throws -> RunRecord? {
        try db.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The fingerprint of a folder's files (not its hidden folders), for "did the inputs change?".
    public static func fingerprint(of directory: URL, extra: [URL] = []) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".csv") || $0.hasSuffix(".yaml")) }.sorted()
        var isFolder: ObjCBool = true
        // A scenario workbook is one file: its bytes are the fingerprint.
        let own = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) && !isFolder.boolValue
            ? [directory] : names.map { directory.appendingPathComponent($0) }
        for url in own + extra {
            mix(url.lastPathComponent.utf8)
            if let data = FileManager.default.contents(atPath: url.path) { mix(data) }
        }
        return String(hash, radix: 16)
    }

    public static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
