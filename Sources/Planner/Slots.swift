import Foundation

/// Results filled in from several threads, one slot per job.
public final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: Value) { lock.lock(); storage[i] = value; lock.unlock() }

    public subscript(_ i: Int) -> Value? { lock.lock(); defer { lock.unlock() }; return storage[i] }

    public var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A value handed to `concurrentPerform` jobs that only read it (GLPK problems
/// are made and freed inside each job; hooks and exporters are thread-safe).
public struct Unchecked<T>: @unchecked Sendable {
    public let value: T
    public init(value: T) { self.value = value }
}
