import Dispatch
import Foundation
import Solver

/// Ctrl-C (SIGINT) or SIGTERM during a plan: the first asks branch-and-cut to
/// stop and the plan found so far to be written (marked `interrupted`), then the
/// tool exits 130 or 143; a second one exits at once, leaving earlier files as they were.
final class Interrupts: @unchecked Sendable {
    let token = StopToken()
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32 = 0

    /// The signal that stopped the run, if any.
    var signal: Int32 {
        lock.lock(); defer { lock.unlock() }
        return received
    }

    init() {
        for sig in [SIGINT, SIGTERM] {
            Foundation.signal(sig, SIG_IGN)  // handled by the dispatch source below
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.handle(sig) }
            source.resume()
            sources.append(source)
        }
    }

    private func handle(_ sig: Int32) {
        lock.lock()
        let first = received == 0
        if first { received = sig }
        lock.unlock()
        if first {
            FileHandle.standardError.write(Data("\nhubplan: stopping: writing the best plan found so far (interrupt again to quit at once)\n".utf8))
            token.stop()
        } else {
            exit(128 + sig)
        }
    }

    /// The exit code for the signal received, if any (130 for SIGINT, 143 for SIGTERM).
    var exitCode: Int32? { signal == 0 ? nil : 128 + signal }
}
