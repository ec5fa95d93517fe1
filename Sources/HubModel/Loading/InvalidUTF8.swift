import Foundation

/// Where a file stops being UTF-8: the first invalid byte, with the spreadsheet
/// row (1-based line) and column (1-based field, counting commas outside quotes).
struct InvalidUTF8 {
    let row: Int
    let column: Int
    let byte: UInt8

    var byteHex: String { "0x" + String(byte, radix: 16, uppercase: true) }

    /// Nil when `data` is valid UTF-8.
    init?(_ data: Data) {
        let bytes = [UInt8](data)
        guard let offset = Self.firstInvalidOffset(bytes) else { return nil }
        var row = 1, column = 1, quoted = false
        for b in bytes[..<offset] {
            switch b {
            case UInt8(ascii: "\n"): row += 1; column = 1; quoted = false
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: column += 1
            default: break
            }
        }
        self.row = row
        self.column = column
        byte = bytes[offset]
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            // Foundation's decoder decides overlong and surrogate forms; decoding the
            // sequence alone keeps the rules in one place.
            if length > 1, String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil { return i }
            i += length
        }
        return nil
    }
}
