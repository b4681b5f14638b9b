import Foundation

/// The JSON lines `vrrpctl listen` prints, parsed.
struct ListenerOutput {
    /// One object per received packet.
    var packets: [[String: Any]]
    /// The closing summary object.
    var summary: [String: Any]

    init(_ text: String) {
        packets = []
        summary = [:]
        for line in text.split(separator: "\n") {
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            if object["summary"] != nil { summary = object } else { packets.append(object) }
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// An integer field.
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    /// A string field.
    func string(_ key: String) -> String? { self[key] as? String }
    /// A list of strings.
    func strings(_ key: String) -> [String] { self[key] as? [String] ?? [] }
}
