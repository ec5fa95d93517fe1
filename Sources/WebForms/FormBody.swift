import Foundation
import Hummingbird

/// Why a posted form could not be read; each case maps to one HTTP answer.
public enum FormError: Error, Equatable, CustomStringConvertible {
    /// Not `application/x-www-form-urlencoded` (multipart, text/plain, JSON, none): answer 415.
    case unsupportedContentType(String)
    /// The body is not UTF-8: answer 400.
    case notUTF8
    /// One field could not be decoded (bad %-escape, a field sent twice, `name[x]=`): answer 400 naming it.
    case badField(String, reason: String)
    /// The body as a whole could not be decoded and no field is to blame: answer 400.
    case malformed(String)

    public var description: String {
        switch self {
        case .unsupportedContentType(let type):
            return "send the form as application/x-www-form-urlencoded (got \(type.isEmpty ? "no content type" : type))"
        case .notUTF8: return "the form is not UTF-8 text"
        case .badField(let field, let reason): return "field '\(field)': \(reason)"
        case .malformed(let reason): return "the form could not be read: \(reason)"
        }
    }

    /// The field to blame, when there is one.
    public var field: String? {
        if case .badField(let field, _) = self { return field }
        return nil
    }
}

/// Reads a browser form body with Hummingbird's `URLEncodedFormDecoder`.
///
/// Never traps: every byte sequence becomes either a value or a ``FormError``.
/// (Foundation's `URLComponents`, used before, ends the process on a raw space
/// or brace in `percentEncodedQuery`.)
public enum FormBody {
    /// The only content type the app's own forms send.
    public static let contentType = "application/x-www-form-urlencoded"

    /// Decodes `bytes`, sent with the `Content-Type` header `contentType`, into `T`.
    ///
    /// - Throws: ``FormError``.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>, contentType: String?) throws(FormError) -> T {
        try checkContentType(contentType)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        // Our forms' field names are plain words. Anything else (brackets, escapes) never
        // reaches the decoder: the fuzzer found `]ame=i&name=-` crashing inside it under ASan.
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let key = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if key.isEmpty || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }) {
                throw .badField(Self.fieldName(key.prefix(while: { $0 != "[" }).prefix(40)), reason: "not a field of this form")
            }
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch let error as URLEncodedFormError {
            throw blame(error, in: text)
        } catch let error as DecodingError {
            throw blame(error)
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// Accepts `application/x-www-form-urlencoded`, with a UTF-8 charset or none.
    static func checkContentType(_ header: String?) throws(FormError) {
        let parts = (header ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == contentType else { throw .unsupportedContentType(header ?? "") }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard charset == "utf-8" || charset == "utf8" else { throw .unsupportedContentType(header ?? "") }
        }
    }

    /// The decoder's error names the raw value or key; find the field it came from.
    static func blame(_ error: URLEncodedFormError, in text: String) -> FormError {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0], value = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            // The decoder reports a bad value with its + already read as a space, a bad key as it was sent.
            if key == error.value || (parts.count > 1 && value == error.value) {
                return .badField(fieldName(key), reason: reason(error))
            }
        }
        return .malformed(reason(error))
    }

    static func blame(_ error: DecodingError) -> FormError {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): path = c.codingPath
        case .keyNotFound(let key, let c): path = c.codingPath + [key]
        @unknown default: path = []
        }
        guard let first = path.first else { return .malformed("the fields are not name=value pairs") }
        return .badField(first.stringValue, reason: "not a single plain value")
    }

    /// A key as the planner would recognise it: decoded when possible, cut short, raw bytes otherwise.
    static func fieldName(_ key: Substring) -> String {
        let name = (key.removingPercentEncoding ?? String(key)).prefix(40)
        return name.isEmpty ? "(no name)" : String(name)
    }

    static func reason(_ error: URLEncodedFormError) -> String {
        switch error.code {
        case .failedToPercentDecode: return "a bad %-escape (write % as %25) or bytes that are not UTF-8"
        case .duplicateKeys: return "sent more than once"
        case .corruptKeyValue, .invalidArrayIndex, .addingToInvalidType, .notSupported: return "not a plain field name"
        default: return "cannot be read"
        }
    }
}
