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
        /// The file's own weight (keepalived's `vrrp_track_file { weight W [reverse] }`), what a reference without
        /// `weight` uses. Informational here: each router's ``VRRPStateMachine/TrackedItem`` carries the weight in
        /// force; the data dump shows this one.
        public var weight: Int
        /// Whether the file's own weight is reversed.
        public var reverse: Bool

        /// A tracked file from its parts.
        public init(
            name: String, path: String, initialValue: Int? = nil, overwrite: Bool = false, weight: Int = 1,
            reverse: Bool = false
        ) {
            self.name = name
            self.path = path
            self.initialValue = initialValue
            self.overwrite = overwrite
            self.weight = weight
            self.reverse = reverse
        }

        /// What the watcher needs.
        var watched: TrackFileWatcher.File { TrackFileWatcher.File(name: name, path: path) }
    }
}
