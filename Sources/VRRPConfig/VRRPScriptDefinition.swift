/// A `vrrp_script` block: a command run periodically whose result moves priority or faults the instance.
public struct VRRPScriptDefinition: Hashable, Sendable {
    /// The name `track_script` refers to.
    public var name: String
    /// Where the block starts.
    public var location: SourceLocation?
    /// `script`: the command line; `nil` when missing (keepalived then removes the script).
    public var command: String?
    /// `interval` (default 1 s).
    public var interval: Duration = .seconds(1)
    /// `timeout` (default: the interval).
    public var timeout: Duration?
    /// `weight` (−253…253); 0 means a failure faults the instance.
    public var weight: Int = 0
    /// `weight N reverse`.
    public var reverse: Bool = false
    /// `rise` (default 1): successes needed to count as up.
    public var rise: Int = 1
    /// `fall` (default 1): failures needed to count as down.
    public var fall: Int = 1
    /// `user USER [GROUP]`.
    public var user: String?
    /// The group of `user USER GROUP`.
    public var group: String?
    /// `init_fail`: start in the failed state.
    public var initFail: Bool = false

    /// A script named `name` with keepalived's defaults.
    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
