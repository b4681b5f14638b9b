/// A `track_file` / `vrrp_track_file` block: a file whose integer content is multiplied by the weight.
public struct TrackFileDefinition: Hashable, Sendable {
    /// The name instances refer to.
    public var name: String
    /// Where the block starts.
    public var location: SourceLocation?
    /// `file`: the path.
    public var path: String?
    /// `weight` (default 1).
    public var weight: Int = 1
    /// `weight N reverse`.
    public var reverse: Bool = false
    /// `init_file [VALUE] [overwrite]`: create the file with this value at startup.
    public var initialValue: Int?
    /// Whether `init_file … overwrite` was given.
    public var overwrite: Bool = false

    /// A track file named `name`.
    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
