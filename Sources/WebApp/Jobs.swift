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
///
/// Bounded: at most `capacity` jobs wait or run at once; one more is refused
/// (``Full``) rather than queued, so a flood of requests cannot grow memory and
/// the waiting time without end. Of the finished jobs, the last `kept` stay viewable.
public final class JobQueue: @unchecked Sendable {
    /// Thrown by ``submit(name:work:)`` when `capacity` jobs are already waiting or running: ask again later.
    public struct Full: Error, CustomStringConvertible {
        public let capacity: Int
        public var description: String { "\(capacity) what-if or re-plan runs are already waiting or running" }
    }

    private let lock = NSLock()
    private var jobs: [Int: WhatIfJob] = [:]
    private var next = 1
    private var unfinished = 0
    private let queue: OperationQueue
    public let capacity: Int
    let kept = 100

    /// - Parameters:
    ///   - limit: jobs running at once (default: one per core).
    ///   - capacity: jobs waiting or running at once (default: two per running one).
    public init(limit: Int = ProcessInfo.processInfo.activeProcessorCount, capacity: Int? = nil) {
        queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, limit)
        self.capacity = max(1, capacity ?? 2 * max(1, limit))
    }

    public func job(_ id: Int) -> WhatIfJob? { lock.lock(); defer { lock.unlock() }; return jobs[id] }

    /// Queues a job; `work` runs on its own thread (GLPK problems never cross threads).
    ///
    /// - Throws: ``Full`` when `capacity` jobs are waiting or running.
    public func submit(name: String, work: @escaping @Sendable (WhatIfJob) throws -> String) throws -> WhatIfJob {
        lock.lock()
        guard unfinished < capacity else {
            lock.unlock()
            throw Full(capacity: capacity)
        }
        unfinished += 1
        let job = WhatIfJob(id: next, name: name)
        jobs[next] = job
        next += 1
        forgetOldJobs()
        lock.unlock()
        queue.addOperation {
            job.update(state: .running, progress: "planning")
            do {
                let page = try work(job)
                job.update(state: .done, progress: "done", page: page)
            } catch {
                job.update(state: .failed, progress: "failed", error: "\(error)")
            }
            self.lock.lock()
            self.unfinished -= 1
            self.lock.unlock()
        }
        return job
    }

    /// Drops the oldest finished jobs beyond `kept` (their pages hold a whole comparison each). Call with the lock held.
    private func forgetOldJobs() {
        let finished = jobs.values.filter { $0.state == .done || $0.state == .failed }.map(\.id).sorted()
        for id in finished.dropLast(kept) { jobs[id] = nil }
    }

    /// Waits for every job (tests).
    public func waitForAll() { queue.waitUntilAllOperationsAreFinished() }
}
