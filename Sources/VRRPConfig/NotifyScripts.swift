/// The `notify*` commands of an instance or sync group.
public struct NotifyScripts: Hashable, Sendable {
    /// `notify_master`.
    public var master: String?
    /// `notify_backup`.
    public var backup: String?
    /// `notify_fault`.
    public var fault: String?
    /// `notify_stop`.
    public var stop: String?
    /// `notify_deleted`.
    public var deleted: String?
    /// `notify`: called with type, name, state and priority on every change.
    public var any: String?
    /// `smtp_alert`.
    public var smtpAlert: Bool?

    /// No scripts.
    public init() {}

    /// Every command that is set.
    public var commands: [String] { [master, backup, fault, stop, deleted, any].compactMap { $0 } }
}
