/// An entry of `track_script`, `track_interface`, `track_file` or `track_process`: a name and an optional
/// `weight N [reverse]` overriding the tracked object's own weight.
public struct TrackReference: Hashable, Sendable {
    /// The script, interface, file or process name.
    public var name: String
    /// `weight N` on the entry, if written (−254…254).
    public var weight: Int?
    /// `reverse`: the weight applies the other way round.
    public var reverse: Bool
    /// `noreverse` (keepalived 2.2): the tracked object's own `reverse` does not apply to this entry.
    public var noReverse = false
    /// Where the entry is.
    public var location: SourceLocation?

    /// A reference from its parts.
    public init(name: String, weight: Int? = nil, reverse: Bool = false, location: SourceLocation? = nil) {
        self.name = name
        self.weight = weight
        self.reverse = reverse
        self.location = location
    }
}
