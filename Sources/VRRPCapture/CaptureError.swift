/// Why a capture could not be opened, read, written or filtered: the operation, the file or interface, and
/// libpcap's (or the system's) own message.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of capture error.
    public enum Code: Hashable, Sendable, CustomStringConvertible {
        /// A file could not be opened for reading: missing, unreadable, or not a pcap / pcapng file.
        case openFile
        /// A file could not be created for writing.
        case createFile
        /// A record could not be read (a truncated or corrupt file, or a failed live read).
        case read
        /// A record could not be written.
        case write
        /// A live capture could not be opened or activated (missing interface, no permission).
        case openInterface
        /// A BPF filter did not compile or could not be installed.
        case filter
        /// A network namespace could not be entered or left.
        case networkNamespace

        /// The code's name.
        public var description: String {
            switch self {
            case .openFile: "openFile"
            case .createFile: "createFile"
            case .read: "read"
            case .write: "write"
            case .openInterface: "openInterface"
            case .filter: "filter"
            case .networkNamespace: "networkNamespace"
            }
        }
    }

    /// What went wrong.
    public var code: Code
    /// The file path or interface name.
    public var target: String
    /// libpcap's or the system's message.
    public var message: String

    /// An error from its parts.
    public init(_ code: Code, target: String, message: String) {
        self.code = code
        self.target = target
        self.message = message
    }

    /// A sentence naming the operation, the target and the cause.
    public var description: String {
        let operation =
            switch code {
            case .openFile: "cannot open capture file"
            case .createFile: "cannot create capture file"
            case .read: "cannot read from"
            case .write: "cannot write to"
            case .openInterface: "cannot capture on interface"
            case .filter: "cannot install the capture filter on"
            case .networkNamespace: "cannot enter network namespace"
            }
        return "\(operation) '\(target)': \(message)"
    }
}
