public import HealthCheck

/// The notify scripts of an instance or a sync group, as keepalived.conf names them.
public struct NotifyScriptSet: Hashable, Sendable {
    /// `notify_master`: run on entering MASTER.
    public var master: String?
    /// `notify_backup`: run on entering BACKUP.
    public var backup: String?
    /// `notify_fault`: run on entering FAULT.
    public var fault: String?
    /// `notify_stop`: run when the instance stops (shutdown).
    public var stop: String?
    /// `notify_deleted`: run when a reload removes the instance.
    public var deleted: String?
    /// `notify`: run on every transition with four arguments appended: `INSTANCE|GROUP`, name, state, priority.
    public var generic: String?

    /// Scripts from their keepalived keywords; all optional.
    public init(
        master: String? = nil,
        backup: String? = nil,
        fault: String? = nil,
        stop: String? = nil,
        deleted: String? = nil,
        generic: String? = nil
    ) {
        self.master = master
        self.backup = backup
        self.fault = fault
        self.stop = stop
        self.deleted = deleted
        self.generic = generic
    }

    /// Whether no script is configured.
    public var isEmpty: Bool {
        master == nil && backup == nil && fault == nil && stop == nil && deleted == nil && generic == nil
    }
}

/// What a notification is about.
public enum NotifyState: String, Hashable, Sendable {
    /// Entered MASTER.
    case master = "MASTER"
    /// Entered BACKUP.
    case backup = "BACKUP"
    /// Entered FAULT.
    case fault = "FAULT"
    /// Stopped.
    case stop = "STOP"
    /// Removed by a reload.
    case deleted = "DELETED"
}

/// Who a notification is about: keepalived's first generic-notify argument.
public enum NotifySubject: Hashable, Sendable {
    /// A `vrrp_instance`, by name.
    case instance(String)
    /// A `vrrp_sync_group`, by name.
    case group(String)

    /// `INSTANCE` or `GROUP`.
    public var kind: String {
        switch self {
        case .instance: "INSTANCE"
        case .group: "GROUP"
        }
    }

    /// The instance's or group's name.
    public var name: String {
        switch self {
        case .instance(let name), .group(let name): name
        }
    }
}

/// The commands and fifo line one transition produces, in keepalived's order: the state's own script, then the
/// generic `notify` script with its four arguments.
public struct NotifyPlan: Hashable, Sendable {
    /// Argument vectors to run one after another.
    public var commands: [[String]]
    /// The line for `notify_fifo`: `INSTANCE "VI_1" MASTER 100`.
    public var fifoLine: String

    /// The plan for `subject` entering `state` with `priority`.
    public init(
        subject: NotifySubject,
        state: NotifyState,
        priority: UInt8,
        scripts: NotifyScriptSet
    ) throws(ScriptCommand.ParseError) {
        var commands: [[String]] = []
        let specific: String? =
            switch state {
            case .master: scripts.master
            case .backup: scripts.backup
            case .fault: scripts.fault
            case .stop: scripts.stop
            case .deleted: scripts.deleted
            }
        if let specific { commands.append(try ScriptCommand(specific).arguments) }
        if let generic = scripts.generic {
            let extra = [subject.kind, subject.name, state.rawValue, String(priority)]
            let command = try ScriptCommand(generic)
            if command.usesShell {
                // The shell string receives the arguments as "$@".
                commands.append(["/bin/sh", "-c", command.source + " \"$@\"", "notify"] + extra)
            } else {
                commands.append(command.arguments + extra)
            }
        }
        self.commands = commands
        self.fifoLine = "\(subject.kind) \"\(subject.name)\" \(state.rawValue) \(priority)"
    }
}
