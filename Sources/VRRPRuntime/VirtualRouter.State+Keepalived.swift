public import VRRPStateMachine

extension VirtualRouter.State {
    /// keepalived's name: `MASTER`, `BACKUP`, `FAULT`, `INIT`.
    public var keepalivedName: String {
        switch self {
        case .initialize: "INIT"
        case .backup: "BACKUP"
        case .master: "MASTER"
        case .fault: "FAULT"
        }
    }
}
