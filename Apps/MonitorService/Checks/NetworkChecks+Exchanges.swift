import Ledger
import Models

extension NetworkChecks {
    /// RFC 6: every exchange's community inside 10000–10999 and used once. Each message ends with
    /// the command that fixes it, naming a community no exchange uses.
    func exchangeFindings(_ state: LedgerState) -> [Finding] {
        let exchanges = state.exchanges.values.sorted { ($0.index, $0.code) < ($1.index, $1.code) }
        var used = Set(exchanges.map(\.bgpCommunity))
        /// The lowest free community, taken so two fixes never suggest the same value.
        func freeCommunity() -> UInt16? {
            guard let free = Exchange.bgpCommunityRange.first(where: { !used.contains($0) }) else { return nil }
            used.insert(free)
            return free
        }
        func fix(_ exchange: Exchange) -> String {
            guard let free = freeCommunity() else { return "every community in 10000–10999 is taken; free one first" }
            return "fix: doublezero exchange update --pubkey \(exchange.code) --bgp-community \(free)"
        }
        var findings: [Finding] = []
        for exchange in exchanges where !Exchange.bgpCommunityRange.contains(exchange.bgpCommunity) {
            findings.append(
                Finding(
                    .exchangeCommunityOutOfRange, Self.subject(exchange),
                    "exchange \(exchange.code) has BGP community \(exchange.bgpCommunity), outside 10000–10999 "
                        + "(RFC 6), so devices cannot tag its routes; \(fix(exchange))"))
        }
        let groups = Dictionary(grouping: exchanges, by: \.bgpCommunity).filter { $0.value.count > 1 }
        for (community, members) in groups.sorted(by: { $0.key < $1.key }) {
            // The oldest exchange keeps the community; each later one is told to move.
            let keeper = members[0]
            for (position, exchange) in members.enumerated() {
                let others = members.filter { $0.pubkey != exchange.pubkey }.map(\.code).joined(separator: ", ")
                let advice =
                    position == 0
                    ? "\(keeper.code) is the oldest and keeps it; the others must move"
                    : fix(exchange)
                findings.append(
                    Finding(
                        .exchangeCommunityDuplicate, Self.subject(exchange),
                        "exchange \(exchange.code) shares BGP community \(community) with \(others) (RFC 6), so "
                            + "their metros' routes cannot be told apart; \(advice)"))
            }
        }
        return findings
    }
}
