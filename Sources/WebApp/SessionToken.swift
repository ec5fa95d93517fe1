/// The anti-forgery token every POST must carry (as Jupyter's `_xsrf`).
///
/// Made once per server start from `SystemRandomNumberGenerator` (the kernel's
/// getrandom(2) on Linux, a cryptographically secure source); only the app's own
/// pages hold it, so another web page open in the same browser cannot send it.
public struct SessionToken: Sendable, Equatable {
    /// 64 hexadecimal digits (256 random bits).
    public let value: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        value = (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// A fixed token, for tests.
    init(value: String) { self.value = value }

    /// Compares in time that does not depend on where the first difference is,
    /// so the token cannot be guessed byte by byte from response times.
    public func matches(_ candidate: String) -> Bool {
        let a = Array(value.utf8), b = Array(candidate.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
