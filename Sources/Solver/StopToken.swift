import GLPKShim

/// Asks a running solve to stop at its next branch-and-cut step and return
/// the best solution found so far. Safe to call from any thread (or a signal
/// handler's dispatch source).
public final class StopToken: @unchecked Sendable {
    // An atomic int that the C shim reads during branch-and-cut.
    let flag: UnsafeMutablePointer<Int32>

    public init() {
        flag = .allocate(capacity: 1)
        flag.initialize(to: 0)
    }

    deinit { flag.deallocate() }

    /// Requests the stop.
    public func stop() { hp_flag_store(flag, 1) }

    /// Whether a stop was requested.
    public var isStopped: Bool { hp_flag_load(flag) != 0 }
}
