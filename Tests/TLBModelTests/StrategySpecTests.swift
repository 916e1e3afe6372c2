import TLBModel
import Testing

/// `--strategy` spellings (docs/tlb-model.md "Strategies").
@Suite struct StrategySpecTests {
    @Test func defaultsAreFilledIn() throws {
        #expect(try TLBStrategySpec.parse("deferred-unmap").description == "deferred-unmap:fifo=64")
        #expect(try TLBStrategySpec.parse("ubc-winshift").parameters == ["shift": 17])
        #expect(try TLBStrategySpec.parse("tp-maxva").parameters == ["n": 16])
        #expect(try TLBStrategySpec.parse("netbsd8") == TLBStrategySpec(name: .netbsd8))
    }

    @Test func parametersAreRead() throws {
        #expect(try TLBStrategySpec.parse("deferred-unmap:fifo=32").parameters == ["fifo": 32])
        #expect(try TLBStrategySpec.parse("tp-maxva:n=7").description == "tp-maxva:n=7")
        #expect(try TLBStrategySpec.parse(" ubc-winshift:shift=13 ").parameters == ["shift": 13])
    }

    @Test func everyNameParses() throws {
        for name in TLBStrategySpec.names { #expect(try TLBStrategySpec.parse(name).name.rawValue == name) }
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: TLBStrategyParseError.unknownStrategy("lazy")) { try TLBStrategySpec.parse("lazy") }
        #expect(throws: TLBStrategyParseError.empty) { try TLBStrategySpec.parse("") }
        #expect(
            throws: TLBStrategyParseError.unknownParameter(strategy: "idle-lazy", key: "n", allowed: [])
        ) { try TLBStrategySpec.parse("idle-lazy:n=3") }
        #expect(
            throws: TLBStrategyParseError.badValue(strategy: "tp-maxva", key: "n", value: "0", range: 1...4096)
        ) { try TLBStrategySpec.parse("tp-maxva:n=0") }
        #expect(throws: TLBStrategyParseError.malformedParameter(strategy: "deferred-unmap", text: "fifo")) {
            try TLBStrategySpec.parse("deferred-unmap:fifo")
        }
        #expect(throws: TLBStrategyParseError.duplicateParameter(strategy: "tp-maxva", key: "n")) {
            try TLBStrategySpec.parse("tp-maxva:n=7,n=8")
        }
        let message = TLBStrategyParseError.unknownStrategy("lazy").description
        #expect(message.contains("unknown TLB strategy 'lazy'") && message.contains("idle-lazy"))
    }
}
