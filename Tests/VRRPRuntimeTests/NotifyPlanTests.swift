import Testing
import VRRPRuntime

@Suite("notify scripts")
struct NotifyPlanTests {
    let scripts = NotifyScriptSet(
        master: "/etc/keepalived/master.sh --now", backup: "/etc/keepalived/backup.sh",
        generic: "/etc/keepalived/notify.sh")

    @Test("the state's own script runs first, then the generic one with keepalived's four arguments")
    func order() throws {
        let plan = try NotifyPlan(subject: .instance("VI_1"), state: .master, priority: 100, scripts: scripts)
        #expect(
            plan.commands == [
                ["/etc/keepalived/master.sh", "--now"],
                ["/etc/keepalived/notify.sh", "INSTANCE", "VI_1", "MASTER", "100"],
            ])
        #expect(plan.fifoLine == "INSTANCE \"VI_1\" MASTER 100")
    }

    @Test("a state without its own script runs only the generic one; a group says GROUP")
    func genericOnly() throws {
        let plan = try NotifyPlan(subject: .group("G1"), state: .fault, priority: 0, scripts: scripts)
        #expect(plan.commands == [["/etc/keepalived/notify.sh", "GROUP", "G1", "FAULT", "0"]])
        #expect(plan.fifoLine == "GROUP \"G1\" FAULT 0")
    }

    @Test("a generic script in shell syntax receives the arguments as \"$@\"")
    func shellGeneric() throws {
        let plan = try NotifyPlan(
            subject: .instance("web"), state: .backup, priority: 90,
            scripts: NotifyScriptSet(generic: "logger -t vrrp >/dev/null"))
        #expect(
            plan.commands == [
                ["/bin/sh", "-c", "logger -t vrrp >/dev/null \"$@\"", "notify", "INSTANCE", "web", "BACKUP", "90"]
            ])
    }

    @Test("no scripts, no commands; the fifo line is still made")
    func none() throws {
        let plan = try NotifyPlan(subject: .instance("x"), state: .stop, priority: 50, scripts: NotifyScriptSet())
        #expect(plan.commands.isEmpty)
        #expect(plan.fifoLine == "INSTANCE \"x\" STOP 50")
    }
}
