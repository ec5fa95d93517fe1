import Foundation

extension KeyedDecodingContainer {
    /// A text field as a browser sends it: missing means empty; surrounding spaces are dropped.
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the field when it is not one plain
    ///   value (`name[a]=1`); the form decoder itself leaves the field out of the path.
    func text(_ key: Key) throws -> String? {
        do {
            return try decodeIfPresent(String.self, forKey: key)?.trimmingCharacters(in: .whitespaces)
        } catch DecodingError.typeMismatch(let type, let context) {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: context.debugDescription))
        }
    }
}
