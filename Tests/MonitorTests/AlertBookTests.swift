import Foundation
import MonitorService
import Testing

/// The alert state machine on its own: open, stay open, clear into a bounded history.
@Suite("AlertBook")
struct AlertBookTests {
    private static let subject = AlertSubject(kind: "device", id: "K1", label: "ams-dz01")
    private static let other = AlertSubject(kind: "exchange", id: "K2", label: "xams")

    @Test("a finding opens once, stays open with its first-seen time while it recurs, and clears when gone")
    func lifecycle() {
        var book = AlertBook()
        let t0 = Date(timeIntervalSince1970: 1000)
        let first = Finding(.deviceTunnelEndpoints, Self.subject, "one endpoint")
        var transitions = book.update(with: [first], at: t0)
        #expect(transitions.opened.map(\.finding) == [first] && transitions.cleared.isEmpty)
        let reworded = Finding(.deviceTunnelEndpoints, Self.subject, "still one endpoint")
        transitions = book.update(with: [reworded, reworded], at: t0 + 10)
        #expect(transitions.opened.isEmpty && transitions.cleared.isEmpty, "a repeat is not a new alert")
        #expect(book.openAlerts.count == 1)
        #expect(book.openAlerts[0].firstSeen == t0 && book.openAlerts[0].lastSeen == t0 + 10)
        #expect(book.openAlerts[0].finding.message == "still one endpoint")
        transitions = book.update(with: [], at: t0 + 20)
        #expect(transitions.cleared.count == 1 && transitions.cleared[0].cleared == t0 + 20)
        #expect(book.openAlerts.isEmpty && book.history.count == 1 && !book.history[0].isOpen)
        #expect(book.openedCount[.deviceTunnelEndpoints] == 1)
    }

    @Test("findings of one kind and subject with different details are separate alerts")
    func details() {
        var book = AlertBook()
        let unicast = Finding(.deviceUsersOverLimit, Self.subject, "unicast", detail: "unicast")
        let multicast = Finding(.deviceUsersOverLimit, Self.subject, "multicast", detail: "multicast")
        #expect(book.update(with: [unicast, multicast], at: Date()).opened.count == 2)
        #expect(book.update(with: [multicast], at: Date()).cleared.map(\.finding.detail) == ["unicast"])
    }

    @Test("critical alerts come first, then the oldest")
    func order() {
        var book = AlertBook()
        let t0 = Date(timeIntervalSince1970: 1000)
        _ = book.update(with: [Finding(.poolUtilisation, Self.other, "old warning")], at: t0)
        _ = book.update(
            with: [
                Finding(.poolUtilisation, Self.other, "old warning"),
                Finding(.exchangeCommunityDuplicate, Self.other, "new critical"),
                Finding(.userStuck, Self.subject, "new warning"),
            ], at: t0 + 5)
        #expect(book.openAlerts.map(\.finding.message) == ["new critical", "old warning", "new warning"])
    }

    @Test("the history keeps only the newest cleared alerts")
    func boundedHistory() {
        var book = AlertBook(historyLimit: 3)
        for number in 0..<10 {
            let finding = Finding(
                .userStuck, AlertSubject(kind: "user", id: "U\(number)", label: "U\(number)"), "stuck")
            _ = book.update(with: [finding], at: Date(timeIntervalSince1970: Double(number * 10)))
        }
        _ = book.update(with: [], at: Date(timeIntervalSince1970: 1000))
        #expect(book.history.map(\.finding.subject.id) == ["U7", "U8", "U9"])
    }
}
