/// How serious a finding is; the order drives `vrrpctl check`'s exit status.
public enum DiagnosticSeverity: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Extra information attached to another finding.
    case note = 0
    /// The file works, but not as its author probably meant, or keepalived would fix something up.
    case warning = 1
    /// Part of the file is rejected or reinterpreted; the configuration does not mean what it says.
    case error = 2

    /// Orders note < warning < error.
    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `note`, `warning` or `error`.
    public var description: String {
        switch self {
        case .note: "note"
        case .warning: "warning"
        case .error: "error"
        }
    }
}
