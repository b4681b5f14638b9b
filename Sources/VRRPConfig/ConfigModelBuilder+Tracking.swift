/// `vrrp_script`, `track_file`, `vrrp_track_process`, `vrrp_sync_group` and `track_*` reference lists.
extension ConfigModelBuilder {
    /// A `track_*` block: `NAME [weight N [reverse]]` per line.
    mutating func trackReferences(_ node: ConfigNode, limit: Int) -> [TrackReference] {
        var lines: [[ConfigToken]] = []
        if let children = node.children {
            if !node.arguments.isEmpty { lines.append(node.arguments) }
            lines += children.map(\.words)
        } else {
            diagnostics.error(
                .blockExpected,
                "'\(node.name)' needs a block '{ … }'; without braces keepalived 2.2 reads the following lines as "
                    + "\(node.name) entries", at: node.arguments.first?.location ?? node.location)
            if !node.arguments.isEmpty { lines.append(node.arguments) }
        }
        var references: [TrackReference] = []
        for words in lines {
            guard let name = words.first else { continue }
            var reference = TrackReference(name: name.text, location: name.location)
            if words.count > 1 {
                if words[1].text == "weight" {
                    if words.count == 2 {
                        diagnostics.error(.missingValue, "'weight' needs a value", at: words[1].location)
                    } else if words.count == 4, words[3].text == "noreverse" {
                        // keepalived 2.2 accepts `noreverse` on an entry: the object's own reverse is overridden.
                        reference.weight = weight(words[2...2], keyword: "weight", limit: limit)?.0
                        reference.noReverse = reference.weight != nil
                    } else if let (value, reverse) = weight(words[2...], keyword: "weight", limit: limit) {
                        reference.weight = value
                        reference.reverse = reverse
                    }
                } else {
                    diagnostics.warning(
                        .extraValues, "unexpected '\(words[1].text)' after \(name.text) (expected 'weight N'); ignored",
                        at: words[1].location)
                }
            }
            references.append(reference)
        }
        return references
    }

    mutating func script(_ node: ConfigNode) {
        guard let name = blockName(node), let children = block(node, what: "'vrrp_script \(name)'") else { return }
        var script = VRRPScriptDefinition(name: name, location: node.location)
        for child in children {
            switch child.name {
            case "script": script.command = command(child)
            case "interval": if let d = seconds(child, in: 0...86_400) { script.interval = d }
            case "timeout": script.timeout = seconds(child, in: 0...86_400)
            case "weight":
                guard !child.arguments.isEmpty else {
                    diagnostics.error(.missingValue, "'weight' needs a value", at: child.location)
                    continue
                }
                if let (value, reverse) = weight(child.arguments[...], keyword: "weight", limit: 253) {
                    script.weight = value
                    script.reverse = reverse
                }
            case "rise": if let v = integer(child, in: 1...1_000_000) { script.rise = v }
            case "fall": if let v = integer(child, in: 1...1_000_000) { script.fall = v }
            case "user":
                script.user = child.arguments.first?.text
                script.group = child.arguments.dropFirst().first?.text
                if script.user == nil {
                    diagnostics.error(.missingValue, "'user' needs a user name", at: child.location)
                }
            case "init_fail":
                flag(child)
                script.initFail = true
            default:
                unknown(
                    child, in: "in vrrp_script \(name)",
                    candidates: ["script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail"])
            }
        }
        configuration.scripts.append(script)
    }

    mutating func trackFile(_ node: ConfigNode) {
        guard let name = blockName(node), let children = block(node, what: "'\(node.name) \(name)'") else { return }
        var file = TrackFileDefinition(name: name, location: node.location)
        for child in children {
            switch child.name {
            case "file": file.path = single(child)?.text
            case "weight":
                guard !child.arguments.isEmpty else {
                    diagnostics.error(.missingValue, "'weight' needs a value", at: child.location)
                    continue
                }
                if let (value, reverse) = weight(child.arguments[...], keyword: "weight", limit: 254) {
                    file.weight = value
                    file.reverse = reverse
                }
            case "init_file":
                // keepalived 2.2 track_file_init_handler: the words in any order, a number (default 0) and
                // `overwrite`; a number outside −254…254 is kept with a warning.
                file.initialValue = 0
                for word in child.arguments {
                    if word.text == "overwrite" {
                        file.overwrite = true
                    } else if word.text.first.map({ $0.isNumber || $0 == "-" }) ?? false {
                        guard
                            let value = integer(
                                word, keyword: "init_file", in: Int(Int32.min)...Int(Int32.max),
                                consequence: "the file is initialised with 0")
                        else { continue }
                        if !(-254...254).contains(value) {
                            diagnostics.warning(
                                .outOfRange, "init_file \(value) is outside the sensible range -254…254",
                                at: word.location)
                        }
                        file.initialValue = value
                    } else {
                        diagnostics.error(
                            .invalidValue,
                            "'\(word.text)' is invalid after init_file (expected a number or 'overwrite')",
                            at: word.location)
                    }
                }
            default: unknown(child, in: "in \(node.name) \(name)", candidates: ["file", "weight", "init_file"])
            }
        }
        configuration.trackFiles.append(file)
    }

    mutating func trackProcess(_ node: ConfigNode) {
        guard let name = blockName(node), let children = block(node, what: "'vrrp_track_process \(name)'") else {
            return
        }
        var process = TrackProcessDefinition(name: name, location: node.location)
        for child in children {
            switch child.name {
            case "process":
                guard let first = child.arguments.first else {
                    diagnostics.error(.missingValue, "'process' needs a process name", at: child.location)
                    continue
                }
                process.process = first.text
                process.parameters = child.arguments.dropFirst().map(\.text)
            case "param_match":
                guard let t = single(child) else { continue }
                if ["exact", "partial", "initial"].contains(t.text) {
                    process.parameterMatch = t.text
                } else {
                    diagnostics.error(
                        .invalidValue, "unknown param_match '\(t.text)' (exact, partial or initial)", at: t.location)
                }
            case "weight":
                guard !child.arguments.isEmpty else {
                    diagnostics.error(.missingValue, "'weight' needs a value", at: child.location)
                    continue
                }
                if let (value, reverse) = weight(child.arguments[...], keyword: "weight", limit: 254) {
                    process.weight = value
                    process.reverse = reverse
                }
            case "quorum": if let v = integer(child, in: 1...65_535) { process.quorum = v }
            case "quorum_max": process.quorumMaximum = integer(child, in: 1...65_535)
            case "delay", "terminate_delay", "fork_delay":
                if let d = seconds(child, in: 0...3_600), child.name == "delay" { process.delay = d }
            case "full_command": flag(child)
            default:
                unknown(
                    child, in: "in vrrp_track_process \(name)",
                    candidates: ["process", "param_match", "weight", "quorum", "quorum_max", "delay"])
            }
        }
        configuration.trackProcesses.append(process)
    }

    mutating func syncGroup(_ node: ConfigNode) {
        guard let name = blockName(node), let children = block(node, what: "'vrrp_sync_group \(name)'") else {
            return
        }
        var group = SyncGroup(name: name, location: node.location)
        for child in children {
            switch child.name {
            case "group":
                guard let members = child.children else {
                    _ = block(child, what: "group")
                    continue
                }
                group.members += members.flatMap(\.words).map {
                    TrackReference(name: $0.text, location: $0.location)
                }
            case "notify_master": group.notify.master = command(child)
            case "notify_backup": group.notify.backup = command(child)
            case "notify_fault": group.notify.fault = command(child)
            case "notify_stop": group.notify.stop = command(child)
            case "notify": group.notify.any = command(child)
            case "smtp_alert": group.notify.smtpAlert = optionalBoolean(child)
            case "track_script": group.trackScripts += trackReferences(child, limit: 253)
            case "track_interface": group.trackInterfaces += trackReferences(child, limit: 253)
            case "track_file": group.trackFiles += trackReferences(child, limit: 254)
            case "track_process": group.trackProcesses += trackReferences(child, limit: 254)
            case "notify_priority_changes":
                if let value = optionalBoolean(child) { group.notifyPriorityChanges = value }
            case "sync_group_tracking_weight":
                flag(child)
                group.trackingWeight = true
            case "global_tracking":
                diagnostics.warning(
                    .deprecated, "'global_tracking' is deprecated; use sync_group_tracking_weight", at: child.location)
                group.trackingWeight = true
            default:
                unknown(
                    child, in: "in vrrp_sync_group \(name)",
                    candidates: [
                        "group", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify",
                        "smtp_alert", "track_script", "track_interface", "track_file", "track_process",
                        "sync_group_tracking_weight", "notify_priority_changes",
                    ])
            }
        }
        configuration.syncGroups.append(group)
    }
}
