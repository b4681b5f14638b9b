/// The `auth_type AH` counters of a node's instances, by instance name, created on first use. A reference
/// type, so the loop's send path can take a session without being mutating, and so a reload keeps them.
final class AuthenticationHeaderSessions {
    private var sessions: [String: AuthenticationHeaderSession] = [:]

    /// The session of the named instance.
    func session(for instance: String) -> AuthenticationHeaderSession {
        if let session = sessions[instance] { return session }
        let session = AuthenticationHeaderSession()
        sessions[instance] = session
        return session
    }
}
