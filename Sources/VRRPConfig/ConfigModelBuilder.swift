/// Turns the generic block tree into the typed model through one keyword table per block kind, reporting
/// unknown keywords, missing or extra values, bad numbers and bad addresses at their exact place.
struct ConfigModelBuilder {
    typealias Handler = @Sendable (inout ConfigModelBuilder, ConfigNode) -> Void

    var configuration = KeepalivedConfiguration()
    var diagnostics = DiagnosticSink()
    /// Per instance, facts the later checks need that the model does not keep.
    var instanceFacts: [InstanceFacts] = []
    /// The first load-balancing block, where the one "not provided" warning points.
    private var firstLoadBalancing: ConfigNode?
    /// How many unknown keywords have been looked up for a suggestion so far.
    private var suggestionsMade = 0

    /// Builds the model from the top-level statements.
    mutating func build(_ nodes: [ConfigNode]) -> KeepalivedConfiguration {
        for node in nodes {
            if let handler = Self.topLevel[node.name] {
                handler(&self, node)
            } else if KnownKeywords.loadBalancingTopLevel.contains(node.name) {
                configuration.ignoredLoadBalancingBlocks += 1
                if firstLoadBalancing == nil { firstLoadBalancing = node }
            } else if KnownKeywords.otherTopLevel.contains(node.name) {
                diagnostics.warning(
                    .notProvided, "'\(node.name)' is not part of VRRP and is not provided by vrrp-swift; ignored",
                    at: node.location)
            } else {
                unknown(node, in: "at top level", candidates: Self.topLevelCandidates)
            }
        }
        if let first = firstLoadBalancing {
            let count = configuration.ignoredLoadBalancingBlocks
            diagnostics.warning(
                .loadBalancingIgnored,
                "load balancing is not provided; \(count) virtual_server block\(count == 1 ? "" : "s") ignored",
                at: first.location)
        }
        finishInstances()
        return configuration
    }

    /// Every top-level keyword, for suggestions.
    static let topLevelCandidates =
        Array(topLevel.keys).sorted() + KnownKeywords.otherTopLevel
        + KnownKeywords.loadBalancingTopLevel.sorted()

    /// Suggestions are computed for at most this many unknown keywords per load.
    static var maximumSuggestions: Int { 64 }

    static let topLevel: [String: Handler] = [
        "global_defs": { $0.globalDefinitions($1) },
        "vrrp_script": { $0.script($1) },
        "vrrp_track_file": { $0.trackFile($1) },
        "track_file": { $0.trackFile($1) },
        "vrrp_track_process": { $0.trackProcess($1) },
        "vrrp_instance": { $0.instance($1) },
        "vrrp_sync_group": { $0.syncGroup($1) },
        "garp_group": { $0.garpGroup($1) },
        "static_ipaddress": { $0.staticAddresses($1) },
        "static_routes": { $0.configuration.staticRoutes += $0.virtualRoutes($1) },
        "static_rules": { $0.configuration.staticRules += $0.virtualRules($1) },
    ]

    /// Warns about a keyword keepalived knows and acts on that vrrp-swift does not provide (``KnownKeywords``).
    mutating func notProvided(_ node: ConfigNode) {
        guard let effect = KnownKeywords.notProvided[node.name] else { return }
        diagnostics.warning(
            .notProvided, "'\(node.name)' is not provided by vrrp-swift (keepalived \(effect)); ignored",
            at: node.location)
    }

    /// Reports an unknown keyword with the closest known one when it is a likely typo.
    mutating func unknown(_ node: ConfigNode, in context: String, candidates: [String]) {
        if node.name.hasPrefix("//") {
            diagnostics.warning(
                .unknownKeyword,
                "'//' does not start a comment in keepalived.conf (use '#' or '!'); the line is ignored",
                at: node.location)
            return
        }
        var message = "unknown keyword '\(node.name)' \(context); the line is ignored"
        if node.children != nil { message = "unknown keyword '\(node.name)' \(context); the block is ignored" }
        if suggestionsMade < Self.maximumSuggestions {
            suggestionsMade += 1
            if let suggestion = Self.closest(to: node.name, among: candidates) {
                message += " (did you mean '\(suggestion)'?)"
            }
        }
        diagnostics.warning(.unknownKeyword, message, at: node.location)
    }

    /// The candidate within a small edit distance, if any.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.utf8)
        guard target.count >= 4, target.count <= 64 else { return nil }
        var best: (String, Int)?
        for candidate in candidates where abs(candidate.utf8.count - target.count) <= 2 {
            let c = Array(candidate.utf8)
            let distance = editDistance(target, c)
            if distance <= max(1, target.count / 5), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

/// What the builder learned about one instance beyond the model: explicit settings and where they were.
struct InstanceFacts: Sendable {
    var versionToken: ConfigToken?
    var stateToken: ConfigToken?
    var nopreemptToken: ConfigToken?
    var preemptDelayToken: ConfigToken?
    var unicastKeyword: ConfigToken?
    var authenticationToken: ConfigToken?
    var acceptToken: ConfigToken?
    var advertIntervalToken: ConfigToken?
    /// The advert_int in microseconds as written.
    var advertMicroseconds: Int64?
    var nativeIPv6 = false
    var strictToken: ConfigToken?
    /// `lower_prio_no_advert` as written, with its line.
    var lowerPriorityNoAdvert: (value: Bool, token: ConfigToken)?
    /// `higher_prio_send_advert` as written, with its line.
    var higherPrioritySendAdvert: (value: Bool, token: ConfigToken)?
    /// `down_timer_adverts` as written, with its line.
    var downTimerAdverts: (value: Int, token: ConfigToken)?
    /// `notify_priority_changes` as written.
    var notifyPriorityChanges: Bool?
    var hasInvalidVRID = false
    /// The instance names no `interface` (it runs on the default interface, or not at all).
    var interfaceOmitted = false
    /// `vrf` as written, with its line.
    var vrfToken: ConfigToken?
}
