import Foundation
import Ledger
import Models
import Testing

/// `Instruction` names each instruction once (its table): every case, as the random scenarios
/// produce them, encodes under its table name and decodes back to itself.
@Suite struct InstructionTableTests {
    @Test func everyInstructionRoundTripsByName() throws {
        var samples: [String: Instruction] = [:]
        var seed: UInt64 = 1
        while samples.count < Instruction.allNames.count, seed <= 60 {
            var generator = RandomTransactionGenerator(seed: seed)
            var state = LedgerState(genesis: generator.genesis)
            for _ in 0..<generator.transactionCount {
                let transaction = generator.nextTransaction(in: state)
                for instruction in transaction.message.instructions where samples[instruction.name] == nil {
                    samples[instruction.name] = instruction
                }
                if (try? state.apply(transaction.message)) != nil { generator.accepted(transaction) }
            }
            seed += 1
        }
        #expect(Set(samples.keys) == Set(Instruction.allNames), "names never produced")
        for (name, instruction) in samples {
            let json = try JSONEncoder().encode(instruction)
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            #expect(object["type"] as? String == name)
            #expect(try JSONDecoder().decode(Instruction.self, from: json) == instruction, "\(name)")
        }
    }
}
