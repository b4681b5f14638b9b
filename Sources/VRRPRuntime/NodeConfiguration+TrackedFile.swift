public import HealthCheck

extension NodeConfiguration {
    /// A `track_file` (`vrrp_track_file`): a file holding a number that, times each instance's weight, moves its
    /// priority (see `TrackedPriority` for keepalived's arithmetic). Instances track it as a value item named
    /// ``TrackedName/file(_:)``.
    public struct TrackedFile: Hashable, Sendable {
        /// The name `track_file` refers to.
        public var name: String
        /// The file's path.
        public var path: String
        /// keepalived `init_file VALUE`: the value written at startup when the file is missing.
        public var initialValue: Int?
        /// keepalived `init_file … overwrite`: write the value at startup even when the file exists.
        public var overwrite: Bool

        /// A tracked file from its parts.
        public init(name: String, path: String, initialValue: Int? = nil, overwrite: Bool = false) {
            self.name = name
            self.path = path
            self.initialValue = initialValue
            self.overwrite = overwrite
        }

        /// What the watcher needs.
        var watched: TrackFileWatcher.File { TrackFileWatcher.File(name: name, path: path) }
    }
}
