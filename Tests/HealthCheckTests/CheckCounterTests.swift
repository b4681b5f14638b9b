import HealthCheck
import Testing

@Suite("vrrp_script rise / fall arithmetic")
struct CheckCounterTests {
    @Test("a new script is decided by its first result either way")
    func firstResultDecides() {
        var up = CheckCounter(rise: 3, fall: 2)
        #expect(up.status == .unknown)
        #expect(up.record(success: true) == .up)
        var down = CheckCounter(rise: 3, fall: 2)
        #expect(down.record(success: false) == .down)
    }

    @Test("init_fail starts down and needs rise successes", arguments: [1, 2, 3, 5])
    func initFail(rise: Int) {
        var counter = CheckCounter(rise: rise, fall: 2, initiallyFailed: true)
        #expect(counter.status == .down)
        for _ in 1..<rise { #expect(counter.record(success: true) == nil) }
        #expect(counter.record(success: true) == .up)
    }

    @Test("going down takes exactly fall failures, coming back exactly rise successes", arguments: [1, 2, 4])
    func fallThenRise(fall: Int) {
        let rise = 3
        var counter = CheckCounter(rise: rise, fall: fall)
        counter.record(success: true)
        #expect(counter.status == .up)
        for _ in 1..<fall { #expect(counter.record(success: false) == nil) }
        #expect(counter.record(success: false) == .down)
        for _ in 1..<rise { #expect(counter.record(success: true) == nil) }
        #expect(counter.record(success: true) == .up)
    }

    @Test("an interrupted run of failures resets: one success refills the counter")
    func successRefills() {
        var counter = CheckCounter(rise: 2, fall: 3)
        counter.record(success: true)
        counter.record(success: false)
        counter.record(success: false)
        #expect(counter.status == .up)
        counter.record(success: true)  // back to the top
        #expect(counter.record(success: false) == nil)
        #expect(counter.record(success: false) == nil)
        #expect(counter.record(success: false) == .down)
    }

    @Test("an interrupted run of successes resets: one failure empties the counter")
    func failureEmpties() {
        var counter = CheckCounter(rise: 3, fall: 1, initiallyFailed: true)
        counter.record(success: true)
        counter.record(success: true)
        counter.record(success: false)
        #expect(counter.status == .down)
        #expect(counter.record(success: true) == nil)
        #expect(counter.record(success: true) == nil)
        #expect(counter.record(success: true) == .up)
    }
}

@Suite("script strings")
struct ScriptCommandTests {
    @Test("words split on blanks; quotes group; a backslash escapes")
    func words() throws {
        #expect(try ScriptCommand("killall -0 haproxy").arguments == ["killall", "-0", "haproxy"])
        #expect(try ScriptCommand("/bin/check \"a b\" 'c d'  e\\ f").arguments == ["/bin/check", "a b", "c d", "e f"])
        #expect(try !ScriptCommand("/usr/bin/test -f /etc/x").usesShell)
    }

    @Test(
        "shell syntax runs under /bin/sh -c",
        arguments: [
            "pgrep haproxy > /dev/null", "curl -s x | grep ok", "test -f a && test -f b", "echo $HOME",
            "ls /tmp/*.pid",
        ])
    func shell(source: String) throws {
        let command = try ScriptCommand(source)
        #expect(command.usesShell)
        #expect(command.arguments == ["/bin/sh", "-c", source])
    }

    @Test("quoted shell characters are literal arguments")
    func quotedLiteral() throws {
        let command = try ScriptCommand("/bin/grep 'a|b' file")
        #expect(!command.usesShell)
        #expect(command.arguments == ["/bin/grep", "a|b", "file"])
    }

    @Test("empty scripts and unclosed quotes are errors naming the place")
    func errors() {
        #expect(throws: ScriptCommand.ParseError.empty) { try ScriptCommand("   ") }
        #expect(throws: ScriptCommand.ParseError.unterminatedQuote(offset: 7)) { try ScriptCommand("/bin/x \"abc") }
    }
}
