import Testing
import VRRPConfig
import VRRPWire

@Suite("Block tree")
struct TreeParserTests {
    @Test("a brace on the next line opens the block of the statement before it")
    func braceOnNextLine() {
        let result = load("vrrp_instance VI_1\n{\n    priority 10\n}\n")
        #expect(result.tree.count == 1)
        #expect(result.tree[0].children?.map(\.name) == ["priority"])
        #expect(!result.codes(.error).contains(.blockStructure))
    }

    @Test("blocks opened and closed on one line, and }} closing two blocks")
    func oneLineBlocks() {
        let result = load(
            "vrrp_instance VI_1 {\n  track_script { chk_a chk_b }\n  unicast_peer{ 192.0.2.2 }}\nglobal_defs {}\n")
        #expect(result.tree.map(\.name) == ["vrrp_instance", "global_defs"])
        let children = result.tree[0].children ?? []
        #expect(children.map(\.name) == ["track_script", "unicast_peer"])
        #expect(children[0].children?.first?.words.map(\.text) == ["chk_a", "chk_b"])
        #expect(children[1].children?.first?.name == "192.0.2.2")
    }

    @Test("a stray } and an unclosed { are errors at the brace")
    func unbalanced() {
        let stray = load("}\n" + instanceText())
        #expect(stray.first(.blockStructure)?.location == SourceLocation(file: mainPath, line: 1, column: 1))
        let unclosed = load("global_defs {\n  router_id x\n")
        #expect(unclosed.first(.blockStructure)?.location == SourceLocation(file: mainPath, line: 1, column: 13))
        #expect(unclosed.first(.blockStructure)?.severity == .error)
    }

    @Test("blocks nested beyond the limit are skipped, not recursed into")
    func deepNesting() {
        let text = String(repeating: "a {\n", count: 5000) + String(repeating: "}\n", count: 5000)
        let result = load(text)
        #expect(result.codes(.error).contains(.blockStructure))
    }

    @Test("keepalived 2.2.7 segfaults on a name followed by a stray word and no brace; we report it")
    func keepalivedCrasher() {
        let result = load("vrrp_instance VI_1 x\n    state MASTER\n}\n")
        let blockError = result.first(.blockExpected)
        #expect(blockError?.severity == .error)
        #expect(blockError?.location == SourceLocation(file: mainPath, line: 1, column: 20))
        #expect(blockError?.message.contains("found 'x'") == true)
        #expect(result.codes(.error).contains(.blockStructure))
        #expect(result.configuration.instances.isEmpty)
    }
}
