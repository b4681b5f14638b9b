/// One request on the control socket: a line of JSON (`{"command":"release","instance":"VI_1"}`) or, for people
/// typing into `socat`, the same as words (`release VI_1`).
public struct ControlRequest: Codable, Hashable, Sendable {
    /// The commands the node serves.
    public enum Command: String, Codable, Hashable, Sendable, CaseIterable {
        /// The instances as a ``StatusDocument``.
        case status
        /// Re-read the configuration file and apply it (as SIGHUP).
        case reload
        /// Take an instance out of service for maintenance (it gives up mastership and stays in FAULT).
        case release
        /// Put a released instance back in service.
        case restore
        /// Answer `ok`: to see that a node is listening.
        case ping
    }

    /// The command.
    public var command: Command
    /// The instance, for `release` and `restore`.
    public var instance: String?

    /// A request from its parts.
    public init(command: Command, instance: String? = nil) {
        self.command = command
        self.instance = instance
    }
}
