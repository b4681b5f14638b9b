/// One answer on the control socket, a line of JSON: `{"ok":true,"status":{…}}`, `{"ok":true,"message":"…"}`
/// or `{"ok":false,"error":"…"}`.
public struct ControlResponse: Codable, Hashable, Sendable {
    /// Whether the request was carried out.
    public var ok: Bool
    /// What was done, for commands other than `status`.
    public var message: String?
    /// Why the request failed.
    public var error: String?
    /// The status document, for `status`.
    public var status: StatusDocument?

    /// A response from its parts.
    public init(ok: Bool, message: String? = nil, error: String? = nil, status: StatusDocument? = nil) {
        self.ok = ok
        self.message = message
        self.error = error
        self.status = status
    }

    /// A failure.
    public static func failure(_ error: String) -> ControlResponse { ControlResponse(ok: false, error: error) }
}
