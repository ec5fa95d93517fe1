import Foundation

/// Work started on another thread now, whose result is waited for later.
///
/// The planner starts the joint bound this way: it depends on the scenario alone,
/// so it can run on the second core while the stages make the plan.
final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    /// Starts `work` on a global queue.
    init(_ work: @escaping () throws -> Value) {
        let job = Unchecked(value: work)
        DispatchQueue.global().async {
            self.result = Result { try job.value() }
            self.done.signal()
        }
    }

    /// Waits for the work to end.
    ///
    /// - Returns: what it returned.
    /// - Throws: what it threw.
    func wait() throws -> Value {
        done.wait()
        done.signal()  // a later wait returns at once
        return try result!.get()
    }
}
