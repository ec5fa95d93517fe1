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

/// The run history: an SQLite database in WAL mode with a busy timeout, so two
/// processes can record runs at once without corrupting it.
public final class RunStore: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .text).notNull()
                t.column("command", .text).notNull()
                t.column("scenario", .text).notNull()
                t.column("inputs", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("kpis", .text).notNull()
                t.column("outputs", .text).notNull()
            }
        }
        try migrator.migrate(pool)
    }

    /// Stores a run and returns its id.
    @discardableResult
    public func record(_ run: RunRecord) throws -> Int64 {
        var r = run
        try pool.write { db in try r.insert(db) }
        return r.id ?? 0
    }

    public func all() throws -> [RunRecord] {
        try pool.read { db in try RunRecord.order(Column("id")).fetchAll(db) }
    }

    public func run(_ id: Int64) throws -> RunRecord? {
        try pool.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The fingerprint of a folder's files (not its hidden folders), for "did the inputs change?".
    public static func fingerprint(of directory: URL, extra: [URL] = []) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".csv") || $0.hasSuffix(".yaml")) }.sorted()
        for url in names.map({ directory.appendingPathComponent($0) }) + extra {
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
