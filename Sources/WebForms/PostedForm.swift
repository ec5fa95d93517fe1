/// A form as posted by one of the app's pages: its fields and the page's anti-forgery token.
///
/// Decoded in one pass (``FormBody/decode(_:from:contentType:)``); the token is
/// checked by the server before the fields are looked at.
public struct PostedForm<Fields: Decodable & Sendable>: Decodable, Sendable {
    /// The hidden `token` field, empty when missing.
    public var token: String
    public var fields: Fields

    /// The hidden field's name in every form the app renders.
    public static var tokenField: String { "token" }

    enum CodingKeys: String, CodingKey { case token }

    public init(token: String, fields: Fields) {
        self.token = token
        self.fields = fields
    }

    public init(from decoder: any Decoder) throws {
        token = try decoder.container(keyedBy: CodingKeys.self).text(.token) ?? ""
        fields = try Fields(from: decoder)
    }
}
