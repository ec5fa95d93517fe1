import Foundation
@testable import Solver

/// Paths of the files tests read.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> String { tests.appendingPathComponent("Fixtures/\(name)").path }
    static func miplib(_ name: String) -> String { repository.appendingPathComponent("benchmarks/miplib/\(name).mps.gz").path }

    /// Published optima of the MIPLIB 3 instances (benchmarks/miplib/solu.txt).
    static func publishedOptima() throws -> [(name: String, optimum: Double)] {
        let text = try String(contentsOfFile: repository.appendingPathComponent("benchmarks/miplib/solu.txt").path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let v = Double(parts[1]) else { return nil }
            return (String(parts[0]), v)
        }
    }
}

func relativeDifference(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1, abs(b)) }

/// Market split instance (Cornuéjols & Dawande): easy to find a solution, very hard to prove optimal.
func marketSplit(rows: Int, columns: Int, seed: UInt64) -> Model {
    var rng = SplitMix(seed: seed)
    var m = Model(name: "marketsplit")
    let x = (0..<columns).map { m.addBinary("x\($0)") }
    var objective = LinearExpression()
    for i in 0..<rows {
        let a = (0..<columns).map { _ in Double(rng.next() % 100) }
        let rhs = (a.reduce(0, +) / 2).rounded(.down)
        let over = m.addVariable("s\(i)p"), under = m.addVariable("s\(i)m")
        var e = LinearExpression()
        for (j, v) in x.enumerated() { e.add(a[j], v) }
        e.add(-1, over); e.add(1, under)
        m.add(e == rhs, name: "split\(i)")
        objective += over; objective += under
    }
    m.setObjective(.minimize, objective)
    return m
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
