import Foundation

/// Results filled in from several threads, one slot per job.
final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) { lock.lock(); storage[i] = value; lock.unlock() }

    subscript(_ i: Int) -> Value? { lock.lock(); defer { lock.unlock() }; return storage[i] }

    var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}
