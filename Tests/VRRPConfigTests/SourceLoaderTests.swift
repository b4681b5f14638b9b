import Testing
import VRRPConfig
import VRRPWire

@Suite("Includes, conditionals and variables")
struct SourceLoaderTests {
    @Test("include globs resolve against the including file and keep each file's locations")
    func includes() {
        let result = load(
            "global_defs {\n    router_id r1\n}\ninclude conf.d/*.conf\n",
            extraFiles: [
                "/etc/keepalived/conf.d/b.conf": instanceText(name: "VI_B", vrid: 2),
                "/etc/keepalived/conf.d/a.conf": instanceText(name: "VI_A", vrid: 1),
                "/etc/keepalived/conf.d/skip.txt": "garbage {",
            ])
        #expect(result.configuration.instances.map(\.name) == ["VI_A", "VI_B"])
        #expect(result.files == [mainPath, "/etc/keepalived/conf.d/a.conf", "/etc/keepalived/conf.d/b.conf"])
        let location = result.configuration.instances[1].location
        #expect(location == SourceLocation(file: "/etc/keepalived/conf.d/b.conf", line: 1, column: 1))
        #expect(!result.hasErrors)
    }

    @Test("an include that matches nothing is a warning at the pattern")
    func missingInclude() {
        let result = load("include /nowhere/*.conf\n" + instanceText())
        let finding = result.first(.fileUnreadable)
        #expect(finding?.severity == .warning)
        #expect(finding?.location == SourceLocation(file: mainPath, line: 1, column: 9))
    }

    @Test("a file including itself is an include cycle, reported with the chain")
    func includeCycle() {
        let result = load("include keepalived.conf\ninclude keepalived.conf\n")
        #expect(result.files == [mainPath])
        #expect(result.codes(.error) == [.includeCycle, .includeCycle])
        #expect(result.first(.includeCycle)?.message.contains("(\(mainPath))") == true)
    }

    @Test("includes that fan out without a cycle stop at the file limit instead of growing exponentially")
    func includeFanOut() {
        var files: [String: String] = [:]
        for level in 0..<20 {
            files["/etc/keepalived/l\(level).conf"] = "include l\(level + 1).conf\ninclude l\(level + 1).conf\n"
        }
        files["/etc/keepalived/l20.conf"] = "global_defs {\n}\n"
        let result = load("include l0.conf\n", extraFiles: files)
        #expect(result.files.count == 1024)
        #expect(result.codes(.error).contains(.includeDepth))
    }

    @Test("multi-line variables that fan out stop at the expansion budget")
    func variableFanOut() {
        var text = "$V0=x\n"
        for level in 1...12 {
            text +=
                "$V\(level)= \\\n" + String(repeating: "    $V\(level - 1) $V\(level - 1) \\\n", count: 7) + "    x\n"
        }
        text += "$V12\n"
        var loader = KeepalivedConfigLoader(reader: InMemoryConfigReader([mainPath: text]), configID: "node-a")
        loader.maximumExpandedBytes = 65_536
        let result = loader.load(path: mainPath)
        let finding = result.first(.variableExpansion)
        #expect(
            finding?.message
                == "variable expansion produced more than 65536 bytes; this and every later expansion is skipped")
        #expect(result.diagnostics.filter { $0.code == .variableExpansion }.count == 1)
    }

    @Test("@name lines apply only on the matching config id, @^name everywhere else")
    func conditionals() {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 9
            @node-a priority 150
            @node-b priority 100
            @^node-a state BACKUP
            @^node-b state MASTER
                virtual_ipaddress {
                    192.0.2.1
                }
            }
            """
        let a = load(text, configID: "node-a").configuration.instances[0]
        let b = load(text, configID: "node-b").configuration.instances[0]
        #expect(a.priority == 150 && a.initialState == .master)
        #expect(b.priority == 100 && b.initialState == .backup)
    }

    @Test("$NAME and ${NAME} substitute; tokens from a variable point at its use")
    func variables() {
        let text = """
            $IF=eth1
            $VRID = 42
            vrrp_instance VI_1 {
                interface $IF
                virtual_router_id ${VRID}
                virtual_ipaddress {
                    192.0.2.${VRID}/24 dev $IF
                }
            }
            """
        let result = load(text)
        let instance = result.configuration.instances[0]
        #expect(instance.interface == "eth1")
        #expect(instance.virtualRouterID == 42)
        #expect(instance.virtualAddresses.first?.address.description == "192.0.2.42")
        #expect(instance.virtualAddresses.first?.device == "eth1")
        #expect(result.diagnostics.isEmpty)
        let vridValue = result.tree[0].children?.first { $0.name == "virtual_router_id" }?.arguments.first
        #expect(vridValue?.location == SourceLocation(file: mainPath, line: 5, column: 23))
    }

    @Test("multi-line definitions expand into several lines, late-bound, with conditionals inside")
    func multiLine() {
        let text = """
            $COMMON= \\
                interface eth0 \\
            @node-a    priority 200 \\
                # a comment line does not end the definition
                advert_int 2
            $V=1
            vrrp_instance VI_1 {
                $COMMON
                virtual_router_id 7
                virtual_ipaddress {
                    192.0.2.$V
                }
            }
            """
        let instance = load(text).configuration.instances[0]
        #expect(instance.interface == "eth0")
        #expect(instance.priority == 200)
        #expect(instance.advertisementInterval == .seconds(2))
        #expect(instance.virtualAddresses.first?.address.description == "192.0.2.1")
    }

    @Test("an undefined variable outside quotes is warned and kept literally")
    func undefinedVariable() {
        let result = load(instanceText(extra: "    notify_master \"/bin/x $HOME\"\n    interface $NIC"))
        let warnings = result.diagnostics.filter { $0.code == .undefinedVariable }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("$NIC") == true)
        #expect(result.configuration.instances[0].interface == "$NIC")
    }

    @Test("a self-referencing variable stops with an error instead of looping")
    func recursiveVariable() {
        let result = load("$A=$A $A\nglobal_defs {\n    router_id $A\n}\n")
        #expect(result.codes(.error) == [.variableExpansion])
        #expect(result.first(.variableExpansion)?.message == "'$A' refers to itself ($A → $A); it is left unexpanded")
    }

    @Test("glob patterns follow fnmatch: *, ? and classes")
    func globMatching() {
        func match(_ p: String, _ n: String) -> Bool { GlobPattern.matches(Array(p.utf8), Array(n.utf8)) }
        #expect(match("*.conf", "a.conf"))
        #expect(!match("*.conf", "a.conf.bak"))
        #expect(match("node-?.conf", "node-1.conf"))
        #expect(match("[a-c]*", "beta"))
        #expect(!match("[!a-c]*", "beta"))
        #expect(match("*a*b*", "xxaxxbxx"))
    }
}
