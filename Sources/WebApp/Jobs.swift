import Foundation
import HubModel
import Planner
import Solver

/// One what-if run started from the browser.
public final class WhatIfJob: @unchecked Sendable {
    public enum State: String, Sendable { case queued, running, done, failed }

    public let id: Int
    public let name: String
    private let lock = NSLock()
    private var _state = State.queued
    private var _progress = "waiting for a free core"
    private var _page = ""
    private var _error = ""

    init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    public var state: State { lock.lock(); defer { lock.unlock() }; return _state }
    public var progress: String { lock.lock(); defer { lock.unlock() }; return _progress }
    /// The side-by-side page once done.
    public var page: String { lock.lock(); defer { lock.unlock() }; return _page }
    public var error: String { lock.lock(); defer { lock.unlock() }; return _error }

    func update(state: State? = nil, progress: String? = nil, page: String? = nil, error: String? = nil) {
        lock.lock()
        if let state { _state = state }
        if let progress { _progress = progress }
        if let page { _page = page }
        if let error { _error = error }
        lock.unlock()
    }
}

/// Runs what-if jobs in the background, at most one per core at once; a failing
/// job records its error and never takes the server down.
public final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [Int: WhatIfJob] = [:]
    private var next = 1
    private let queue: OperationQueue

    public init(limit: Int = ProcessInfo.processInfo.activeProcessorCount) {
        queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, limit)
    }

    public func job(_ id: Int) -> WhatIfJob? { lock.lock(); defer { lock.unlock() }; return jobs[id] }

    /// Queues a job; `work` runs on its own thread (GLPK problems never cross threads).
    public func submit(name: String, work: @escaping @Sendable (WhatIfJob) throws -> String) -> WhatIfJob {
        lock.lock()
        let job = WhatIfJob(id: next, name: name)
        jobs[next] = job
        next += 1
        lock.unlock()
        queue.addOperation {
            job.update(state: .running, progress: "planning")
            do {
                let page = try work(job)
                job.update(state: .done, progress: "done", page: page)
            } catch {
                job.update(state: .failed, progress: "failed", error: "\(error)")
            }
        }
        return job
    }

    /// Waits for every job (tests).
    public func waitForAll() { queue.waitUntilAllOperationsAreFinished() }
}
