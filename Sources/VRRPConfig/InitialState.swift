/// The state an instance starts in (`state MASTER` / `state BACKUP`).
public enum InitialState: Hashable, Sendable, CustomStringConvertible {
    /// `MASTER`: take over at startup (keepalived still sends an advertisement and listens first).
    case master
    /// `BACKUP` (also what keepalived makes of any unknown word).
    case backup

    /// `MASTER` or `BACKUP`.
    public var description: String {
        switch self {
        case .master: "MASTER"
        case .backup: "BACKUP"
        }
    }
}
