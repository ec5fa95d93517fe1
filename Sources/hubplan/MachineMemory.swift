import Foundation

/// The memory this process may use: the smaller of what Linux reports as
/// available and what is left under the cgroup's limit (containers, CI runners).
enum MachineMemory {
    /// Megabytes, or nil when neither can be read (not Linux).
    static func availableMegabytes() -> Double? {
        let candidates = [memAvailable(), cgroupRoom()].compactMap { $0 }
        return candidates.min()
    }

    private static func memAvailable() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kB = Double(fields[1]) { return kB / 1024 }
        }
        return nil
    }

    private static func cgroupRoom() -> Double? {
        func read(_ name: String) -> String? {
            (try? String(contentsOfFile: "/sys/fs/cgroup/\(name)", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let max = read("memory.max"), let limit = Double(max) else { return nil }  // "max": no limit
        let used = read("memory.current").flatMap(Double.init) ?? 0
        return (limit - used) / 1_048_576
    }
}
